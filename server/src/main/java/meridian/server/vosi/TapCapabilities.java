package meridian.server.vosi;

import static meridian.server.http.ErrorDocument.escape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.server.results.ResultFormat;
import meridian.sql.archive.ObscoreTable;

/**
 * The VOSI capabilities of the TAP service (TAPRegExt 1.0 for the TAP capability): exactly
 * the languages, optional ADQL features, output formats and limits that work. The VOSI
 * {@code /tap/capabilities} document and the TAP service's registry record are both built from
 * {@link #capabilities}.
 *
 * @param languageFeatures the optional ADQL features the translator supports
 * @param maxrecDefault    default MAXREC
 * @param maxrecLimit      hard MAXREC
 * @param syncTimeout      execution time limit of sync queries, seconds
 * @param async            async limits: execution duration and retention (default and hard)
 * @param uploads          upload limits and methods
 * @param work             how much work of one client and of all run at once, or null (not declared)
 */
public record TapCapabilities(List<LanguageFeature> languageFeatures, long maxrecDefault, long maxrecLimit,
                              int syncTimeout, AsyncLimits async, UploadLimits uploads, WorkLimits work)
        implements ServiceCapabilities {

    /** Capabilities that do not declare the work limits. */
    public TapCapabilities(List<LanguageFeature> languageFeatures, long maxrecDefault, long maxrecLimit,
                           int syncTimeout, AsyncLimits async, UploadLimits uploads) {
        this(languageFeatures, maxrecDefault, maxrecLimit, syncTimeout, async, uploads, null);
    }

    /**
     * The limits on work in progress (TAPRegExt has no element for them; they go into the
     * description).
     *
     * @param perClient           queries plus executing jobs of one client at once
     * @param total               sync queries of all clients at once
     * @param queueSeconds        longest wait for a turn before 429
     * @param queuedJobsPerClient jobs of one client in QUEUED
     */
    public record WorkLimits(int perClient, int total, int queueSeconds, int queuedJobsPerClient) {
    }

    /**
     * Async job limits, seconds.
     *
     * @param executionDuration      default run-time limit
     * @param executionDurationLimit hard run-time limit
     * @param retention              default lifetime (destruction)
     * @param retentionLimit         hard lifetime
     * @param maxExecuting           jobs executing at once (others queue)
     * @param resultLimitBytes       largest async result
     */
    public record AsyncLimits(long executionDuration, long executionDurationLimit, long retention,
                              long retentionLimit, int maxExecuting, long resultLimitBytes) {
    }

    /**
     * Upload limits.
     *
     * @param maxRows  rows per uploaded table
     * @param maxBytes bytes of all uploads of one request
     * @param urls     true when http(s) URL uploads are allowed (from the configured hosts)
     */
    public record UploadLimits(long maxRows, long maxBytes, boolean urls) {
    }

    /** TAPRegExt output format identifiers of the standard formats. */
    private static final Map<ResultFormat, String> FORMAT_IDS = Map.of(
            ResultFormat.VOTABLE_BINARY2, "ivo://ivoa.net/std/TAPRegExt#output-votable-binary2",
            ResultFormat.VOTABLE_TABLEDATA, "ivo://ivoa.net/std/TAPRegExt#output-votable-td",
            ResultFormat.VOTABLE_BINARY, "ivo://ivoa.net/std/TAPRegExt#output-votable-binary");

    /**
     * The TAP service's capabilities: TAP (TAPRegExt), VOSI capabilities, availability and
     * tables, DALI examples.
     */
    @Override
    public List<String> capabilities(String tapUrl) {
        return List.of(tapCapability(tapUrl),
                simpleCapability("ivo://ivoa.net/std/VOSI#capabilities", tapUrl + "/capabilities"),
                simpleCapability("ivo://ivoa.net/std/VOSI#availability", tapUrl + "/availability"),
                simpleCapability("ivo://ivoa.net/std/VOSI#tables-1.1", tapUrl + "/tables"),
                simpleCapability("ivo://ivoa.net/std/DALI#examples", tapUrl + "/examples"));
    }

    /** The {@code tr:TableAccess} capability element. */
    public String tapCapability(String tapUrl) {
        StringBuilder sb = new StringBuilder();
        sb.append("  <capability standardID=\"ivo://ivoa.net/std/TAP\" xsi:type=\"tr:TableAccess\">\n")
                .append("    <description>").append(escape(description())).append("</description>\n")
                .append(stdInterfaces(tapUrl, "1.1"));
        sb.append("    <dataModel ivo-id=\"").append(ObscoreTable.DATA_MODEL_IVOID)
                .append("\">ObsCore-1.1</dataModel>\n");
        sb.append("    <language>\n      <name>ADQL</name>\n")
                .append("      <version ivo-id=\"ivo://ivoa.net/std/ADQL#v2.0\">2.0</version>\n")
                .append("      <version ivo-id=\"ivo://ivoa.net/std/ADQL#v2.1\">2.1</version>\n")
                .append("      <description>ADQL 2.1 (ADQL 2.0 queries are accepted too)</description>\n");
        Map<String, List<LanguageFeature>> byType = new LinkedHashMap<>();
        for (LanguageFeature f : languageFeatures) {
            byType.computeIfAbsent(f.type(), t -> new java.util.ArrayList<>()).add(f);
        }
        byType.forEach((type, features) -> {
            sb.append("      <languageFeatures type=\"").append(escape(type)).append("\">\n");
            for (LanguageFeature f : features) {
                sb.append("        <feature><form>").append(escape(f.form())).append("</form>");
                if (f.description() != null) {
                    sb.append("<description>").append(escape(f.description())).append("</description>");
                }
                sb.append("</feature>\n");
            }
            sb.append("      </languageFeatures>\n");
        });
        sb.append("    </language>\n");
        for (ResultFormat f : ResultFormat.ALL) {
            String id = FORMAT_IDS.get(f);
            sb.append("    <outputFormat").append(id == null ? "" : " ivo-id=\"" + id + "\"").append(">\n")
                    .append("      <mime>").append(escape(f.mime())).append("</mime>\n");
            for (String alias : f.aliases()) {
                if (!alias.contains("/") || alias.startsWith("votable/")) {
                    sb.append("      <alias>").append(escape(alias)).append("</alias>\n");
                }
            }
            sb.append("    </outputFormat>\n");
        }
        sb.append("    <uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-inline\"/>\n");
        if (uploads.urls()) {
            sb.append("    <uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-http\"/>\n")
                    .append("    <uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-https\"/>\n");
        }
        sb.append("    <retentionPeriod><default>").append(async.retention()).append("</default><hard>")
                .append(async.retentionLimit()).append("</hard></retentionPeriod>\n");
        sb.append("    <executionDuration><default>").append(async.executionDuration()).append("</default><hard>")
                .append(async.executionDurationLimit()).append("</hard></executionDuration>\n");
        sb.append("    <outputLimit>\n")
                .append("      <default unit=\"row\">").append(maxrecDefault).append("</default>\n")
                .append("      <hard unit=\"row\">").append(maxrecLimit).append("</hard>\n")
                .append("    </outputLimit>\n");
        sb.append("    <uploadLimit>\n")
                .append("      <hard unit=\"byte\">").append(uploads.maxBytes()).append("</hard>\n")
                .append("    </uploadLimit>\n");
        sb.append("  </capability>\n");
        return sb.toString();
    }

    /**
     * What TAPRegExt has no element for: the sync time limit and its async continuation, the
     * concurrent-job and result-size limits, the upload formats and row limit.
     */
    String description() {
        return "Synchronous queries run for at most " + syncTimeout + " s; a query still running then continues"
                + " as an asynchronous job whose URL the error message (and INFO ASYNC_JOB) gives. Asynchronous"
                + " jobs: at most " + async.maxExecuting() + " execute at once, the others queue; results are"
                + " limited to " + async.resultLimitBytes() + " bytes. Uploads (sync and async, TAP_UPLOAD.name):"
                + " VOTable (TABLEDATA, BINARY, BINARY2), FITS binary tables, ECSV and CSV with a header line;"
                + " at most " + uploads.maxRows() + " rows per table and " + uploads.maxBytes()
                + " bytes per request" + (uploads.urls() ? "; http(s) URL uploads from allowed hosts only." : ".")
                + (work == null ? "" : " Limits on work, not on requests: a client sending one query at a time is"
                + " never refused; at most " + work.perClient() + " queries (sync queries and executing jobs) of"
                + " one client and " + work.total() + " sync queries in all run at once; a query over a limit"
                + " waits up to " + work.queueSeconds() + " s for its turn, then gets HTTP 429 with Retry-After,"
                + " and a job waits in QUEUED (at most " + work.queuedJobsPerClient() + " per client).");
    }

    /**
     * The authenticated ways in to every standard interface, each declared by an interface of its
     * own after the anonymous one: HTTP Basic (IVOA SSO 2.0 {@code #BasicAA}). Bearer tokens are
     * accepted too but not declared: SSO 2.0 names no bearer-token method ({@code #OAuth} means an
     * OAuth 2.0 authorization flow, which Meridian's command-line tokens are not), and the
     * widespread but unofficial {@code ivo://ivoa.net/sso#token} makes validators (taplint
     * W-CAP-CPSM) reject the capabilities. Token clients learn of them from the {@code Bearer}
     * challenge of a 401.
     */
    public static final List<String> SECURITY_METHODS = List.of("ivo://ivoa.net/sso#BasicAA");

    /**
     * The standard interfaces of a protocol capability at {@code url}, one per way in, as
     * VOResource 1.1 has it (at most one {@code securityMethod} per interface; CADC's services
     * do the same): first the anonymous {@code role="std"} interface, without
     * {@code securityMethod}, then one interface per {@link #SECURITY_METHODS} on the same URL,
     * where authenticated users also see what their groups may read before release. Only the
     * anonymous interface carries {@code role="std"}: TAPRegExt wants one standard interface
     * per capability (taplint W-CAP-CPI2 warns on a second), and clients that discover
     * authentication (pyvo's {@code AuthSession}) go by access URL and security method, not role.
     *
     * @param version the standard's version for the {@code version} attribute, or null
     */
    public static String stdInterfaces(String url, String version) {
        return stdInterfaces(url, version, "");
    }

    /**
     * As {@link #stdInterfaces(String, String)}, with {@code paramHttp} (ParamHTTP's own
     * elements: queryType, resultType, param..., indented, one per line) in every interface,
     * after the security method, where VODataService puts them.
     */
    public static String stdInterfaces(String url, String version, String paramHttp) {
        StringBuilder sb = new StringBuilder();
        sb.append(paramHttpInterface(" role=\"std\"", url, version, "", paramHttp));
        for (String method : SECURITY_METHODS) {
            sb.append(paramHttpInterface("", url, version,
                    "      <securityMethod standardID=\"" + method + "\"/>\n", paramHttp));
        }
        return sb.toString();
    }

    private static String paramHttpInterface(String role, String url, String version, String securityMethod,
                                             String paramHttp) {
        return "    <interface xsi:type=\"vs:ParamHTTP\"" + role
                + (version == null ? "" : " version=\"" + version + "\"") + ">\n"
                + "      <accessURL use=\"base\">" + escape(url) + "</accessURL>\n"
                + securityMethod + paramHttp + "    </interface>\n";
    }

    /** A capability with just a standard identifier and one full-URL ParamHTTP interface. */
    public static String simpleCapability(String standardId, String url) {
        return "  <capability standardID=\"" + standardId + "\">\n"
                + "    <interface xsi:type=\"vs:ParamHTTP\">\n"
                + "      <accessURL use=\"full\">" + escape(url) + "</accessURL>\n"
                + "    </interface>\n"
                + "  </capability>\n";
    }
}
