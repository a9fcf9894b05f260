package meridian.server.oai;

import static meridian.server.http.ErrorDocument.escape;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meridian.server.registry.PublishedRecords;
import meridian.server.registry.PublishedRecords.Published;
import meridian.server.registry.ResourceXml;

/**
 * Answers OAI-PMH requests from the published records: the protocol without HTTP. Every answer
 * is a whole OAI-PMH document; errors are {@code error} elements in it, as the protocol wants.
 * Thread-safe.
 */
public final class OaiRepository {

    /** The one set of Registry Interfaces: records whose authority this registry manages (all of them). */
    public static final String IVO_MANAGED = "ivo_managed";

    private static final String GRANULARITY = "YYYY-MM-DDThh:mm:ssZ";

    private final PublishedRecords records;
    private final String registryIdentifier;
    private final String repositoryName;
    private final String adminEmail;
    private final int pageSize;
    private final Clock clock;

    /**
     * @param records            what is published
     * @param registryIdentifier the identifier of the registry's own record (Identify embeds it)
     * @param repositoryName     human-readable name
     * @param adminEmail         the administrator's e-mail
     * @param pageSize           records per list response
     * @param clock              for responseDate
     */
    public OaiRepository(PublishedRecords records, String registryIdentifier, String repositoryName,
                         String adminEmail, int pageSize, Clock clock) {
        this.records = records;
        this.registryIdentifier = registryIdentifier;
        this.repositoryName = repositoryName;
        this.adminEmail = adminEmail;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /**
     * The response document to a request.
     *
     * @param parameters the request's parameters (name to values, names case-sensitive)
     * @param oaiUrl     the endpoint's public URL (the OAI-PMH base URL)
     * @param baseUrl    the service's public base URL (records' access URLs hang under it)
     */
    public String respond(Map<String, List<String>> parameters, String oaiUrl, String baseUrl) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/")
                .append(" http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n");
        sb.append("<responseDate>").append(ResourceXml.timestamp(clock.instant())).append("</responseDate>\n");
        OaiRequest request;
        try {
            request = OaiRequest.parse(parameters);
        } catch (OaiException e) {
            // badVerb and badArgument: the request element carries no arguments
            sb.append("<request>").append(escape(oaiUrl)).append("</request>\n");
            return error(sb, e);
        }
        sb.append("<request verb=\"").append(request.verb()).append('"');
        request.arguments().forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
        sb.append('>').append(escape(oaiUrl)).append("</request>\n");
        try {
            StringBuilder body = new StringBuilder();
            switch (request.verb()) {
                case Identify -> identify(body, oaiUrl, baseUrl);
                case ListMetadataFormats -> listMetadataFormats(body, request, baseUrl);
                case ListSets -> listSets(body, request);
                case ListIdentifiers, ListRecords -> list(body, request, baseUrl);
                case GetRecord -> getRecord(body, request, baseUrl);
                default -> throw new IllegalStateException(request.verb().name());
            }
            sb.append(body);
        } catch (OaiException e) {
            return error(sb, e);
        }
        sb.append("</OAI-PMH>\n");
        return sb.toString();
    }

    private static String error(StringBuilder sb, OaiException e) {
        sb.append("<error code=\"").append(e.code()).append("\">").append(escape(e.getMessage()))
                .append("</error>\n</OAI-PMH>\n");
        return sb.toString();
    }

    private void identify(StringBuilder sb, String oaiUrl, String baseUrl) {
        List<Published> all = records.snapshot(baseUrl);
        Instant earliest = all.stream().map(Published::updated).min(Instant::compareTo).orElse(clock.instant());
        sb.append("<Identify>\n");
        sb.append("<repositoryName>").append(escape(repositoryName)).append("</repositoryName>\n");
        sb.append("<baseURL>").append(escape(oaiUrl)).append("</baseURL>\n");
        sb.append("<protocolVersion>2.0</protocolVersion>\n");
        sb.append("<adminEmail>").append(escape(adminEmail)).append("</adminEmail>\n");
        sb.append("<earliestDatestamp>").append(ResourceXml.timestamp(earliest)).append("</earliestDatestamp>\n");
        // deletions are not tracked: a record of a removed collection simply disappears
        sb.append("<deletedRecord>no</deletedRecord>\n");
        sb.append("<granularity>").append(GRANULARITY).append("</granularity>\n");
        // Registry Interfaces: the registry's own record describes it in Identify
        all.stream().filter(p -> p.record().identifier().equals(registryIdentifier)).findFirst()
                .ifPresent(p -> sb.append("<description>\n").append(p.resourceElement()).append("</description>\n"));
        sb.append("</Identify>\n");
    }

    private void listMetadataFormats(StringBuilder sb, OaiRequest request, String baseUrl) throws OaiException {
        if (request.argument("identifier").isPresent()) {
            find(request.argument("identifier").get(), baseUrl);
        }
        sb.append("<ListMetadataFormats>\n");
        for (MetadataFormat f : MetadataFormat.values()) {
            sb.append("<metadataFormat><metadataPrefix>").append(f.name()).append("</metadataPrefix><schema>")
                    .append(f.schema()).append("</schema><metadataNamespace>").append(f.namespace())
                    .append("</metadataNamespace></metadataFormat>\n");
        }
        sb.append("</ListMetadataFormats>\n");
    }

    private static void listSets(StringBuilder sb, OaiRequest request) throws OaiException {
        if (request.argument("resumptionToken").isPresent()) {
            throw new OaiException(OaiErrorCode.badResumptionToken, "the list of sets is never split, so no"
                    + " resumptionToken applies to it");
        }
        sb.append("<ListSets>\n<set><setSpec>").append(IVO_MANAGED).append("</setSpec><setName>")
                .append("Resources whose authority this registry manages</setName></set>\n</ListSets>\n");
    }

    private void getRecord(StringBuilder sb, OaiRequest request, String baseUrl) throws OaiException {
        MetadataFormat format = format(request.argument("metadataPrefix").orElseThrow());
        Published p = find(request.argument("identifier").orElseThrow(), baseUrl);
        sb.append("<GetRecord>\n");
        record(sb, p, format);
        sb.append("</GetRecord>\n");
    }

    private void list(StringBuilder sb, OaiRequest request, String baseUrl) throws OaiException {
        ResumptionToken start;
        if (request.argument("resumptionToken").isPresent()) {
            start = ResumptionToken.decode(request.argument("resumptionToken").get());
        } else {
            start = new ResumptionToken(format(request.argument("metadataPrefix").orElseThrow()), request.from(),
                    request.until(), request.argument("set").orElse(null), null, 0);
        }
        List<Published> matching = new ArrayList<>();
        if (start.set() == null || start.set().equals(IVO_MANAGED)) {
            for (Published p : records.snapshot(baseUrl)) {
                Instant stamp = p.updated();
                if ((start.from() == null || !stamp.isBefore(start.from()))
                        && (start.until() == null || !stamp.isAfter(start.until()))) {
                    matching.add(p);
                }
            }
        }
        List<Published> rest = start.after() == null ? matching
                : matching.stream().filter(p -> p.record().identifier().compareTo(start.after()) > 0).toList();
        if (rest.isEmpty()) {
            throw new OaiException(OaiErrorCode.noRecordsMatch, start.after() == null
                    ? "no record matches the set and dates given" : "no more records match");
        }
        List<Published> page = rest.subList(0, Math.min(pageSize, rest.size()));
        boolean identifiersOnly = request.verb() == OaiVerb.ListIdentifiers;
        sb.append('<').append(request.verb()).append(">\n");
        for (Published p : page) {
            if (identifiersOnly) {
                header(sb, p);
            } else {
                record(sb, p, start.format());
            }
        }
        if (page.size() < rest.size()) {
            ResumptionToken next = new ResumptionToken(start.format(), start.from(), start.until(), start.set(),
                    page.get(page.size() - 1).record().identifier(), start.cursor() + page.size());
            sb.append("<resumptionToken completeListSize=\"").append(start.cursor() + rest.size())
                    .append("\" cursor=\"").append(start.cursor()).append("\">").append(next.encode())
                    .append("</resumptionToken>\n");
        } else if (start.after() != null) {
            // the last page of a list that was split: an empty token says it is complete
            sb.append("<resumptionToken completeListSize=\"").append(start.cursor() + rest.size())
                    .append("\" cursor=\"").append(start.cursor()).append("\"/>\n");
        }
        sb.append("</").append(request.verb()).append(">\n");
    }

    private Published find(String identifier, String baseUrl) throws OaiException {
        return records.snapshot(baseUrl).stream().filter(p -> p.record().identifier().equals(identifier))
                .findFirst().orElseThrow(() -> new OaiException(OaiErrorCode.idDoesNotExist,
                        "no record has the identifier " + identifier));
    }

    private static MetadataFormat format(String prefix) throws OaiException {
        return MetadataFormat.forPrefix(prefix).orElseThrow(() -> new OaiException(
                OaiErrorCode.cannotDisseminateFormat, "the metadata formats are ivo_vor and oai_dc, not '"
                + prefix + "'"));
    }

    private static void header(StringBuilder sb, Published p) {
        sb.append("<header><identifier>").append(escape(p.record().identifier())).append("</identifier><datestamp>")
                .append(ResourceXml.timestamp(p.updated())).append("</datestamp><setSpec>").append(IVO_MANAGED)
                .append("</setSpec></header>\n");
    }

    private static void record(StringBuilder sb, Published p, MetadataFormat format) {
        sb.append("<record>\n");
        header(sb, p);
        sb.append("<metadata>\n");
        sb.append(format == MetadataFormat.ivo_vor ? p.resourceElement() : DublinCore.element(p));
        sb.append("</metadata>\n</record>\n");
    }
}
