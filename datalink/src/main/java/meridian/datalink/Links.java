package meridian.datalink;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import meridian.sql.archive.AccessReferences;

/**
 * Works out the links of each requested ID: {@code #this} (the science file, and for spectra
 * the same data in other formats), {@code #preview}, {@code #auxiliary} and {@code #progenitor}
 * files from product_files, and {@code #cutout} / {@code #proc} rows pointing at SODA service
 * descriptors. Unknown and malformed IDs give an error row, never a failed document. Every
 * link carries DataLink 1.1's {@code link_auth} and {@code link_authorized}: the links of a
 * product the caller may see but not read are listed with {@code link_authorized} false (using
 * them gets 401 or 403), as DataLink 1.1 sect. 3.2.13 describes, rather than hidden behind an
 * error row. Thread-safe.
 */
public final class Links {

    /** The ID prefix every product of this archive has. */
    private static final String IVO = "ivo://";

    private final ProductCatalog catalog;
    private final FileAccess files;
    private final int maxIds;
    /** What anonymous callers may read: the links of other products need authentication. */
    private final ProductRights anonymous;

    /** @param maxIds most IDs per request ({@code datalink.max_ids}) */
    public Links(ProductCatalog catalog, FileAccess files, int maxIds) {
        this(catalog, files, maxIds, ProductRights.ALL);
    }

    private Links(ProductCatalog catalog, FileAccess files, int maxIds, ProductRights anonymous) {
        this.catalog = catalog;
        this.files = files;
        this.maxIds = maxIds;
        this.anonymous = anonymous;
    }

    /**
     * The links as one caller sees them: hidden products unknown, the links of unreadable ones
     * not authorized.
     *
     * @param caller    the caller's rights
     * @param anonymous the rights of a caller without credentials, for {@code link_auth}
     */
    public Links as(ProductRights caller, ProductRights anonymous) {
        return new Links(catalog.restrictedTo(caller), files, maxIds, anonymous);
    }

    public int maxIds() {
        return maxIds;
    }

    /** The rows and service descriptors of a links document. */
    public record Document(List<LinkRow> rows, List<String> descriptors) {
        public Document {
            rows = List.copyOf(rows);
            descriptors = List.copyOf(descriptors);
        }
    }

    /**
     * The links of {@code ids}, in request order.
     *
     * @param baseUrl the service's public base URL, without a trailing slash
     * @throws DatalinkFault (usage) without IDs or with more than {@link #maxIds()}
     */
    public Document resolve(List<String> ids, String baseUrl) {
        if (ids.isEmpty()) {
            throw DatalinkFault.usage("give at least one ID parameter (a product's obs_publisher_did)");
        }
        if (ids.size() > maxIds) {
            throw new DatalinkFault(DatalinkFault.Type.TOO_LARGE, "the request has " + ids.size()
                    + " IDs; at most " + maxIds + " are allowed per request (datalink.max_ids): split it");
        }
        List<String> wellFormed = ids.stream().filter(Links::wellFormed).toList();
        Map<String, Product> products = catalog.find(wellFormed);
        Set<String> denied = catalog.unreadable(products.keySet());
        Set<String> closed = catalog.rights().anonymous() ? denied
                : catalog.unreadableBy(anonymous, products.keySet());
        List<LinkRow> rows = new ArrayList<>();
        List<String> descriptors = new ArrayList<>();
        for (String id : ids) {
            if (!wellFormed(id)) {
                rows.add(LinkRow.error(id, DatalinkFault.notFound("malformed ID " + id
                        + ": products are named by their obs_publisher_did, ivo://...")));
                continue;
            }
            Product p = products.get(id);
            if (p == null) {
                rows.add(LinkRow.error(id, DatalinkFault.notFound("no product with ID " + id)));
                continue;
            }
            LinkRow.Access access = LinkRow.Access.of(!closed.contains(id), !denied.contains(id));
            linksOf(p, access, baseUrl, descriptors.size(), rows, descriptors);
        }
        return new Document(rows, descriptors);
    }

    private static boolean wellFormed(String id) {
        return id != null && id.startsWith(IVO) && id.length() > IVO.length() && id.length() < 2000
                && id.chars().noneMatch(ch -> ch < 0x20);
    }

    private void linksOf(Product p, LinkRow.Access access, String base, int n, List<LinkRow> rows,
                         List<String> descriptors) {
        String id = p.id();
        if (p.files().isEmpty()) {
            rows.add(LinkRow.error(id, DatalinkFault.notFound("the product " + id + " has no files")));
            return;
        }
        Map<String, Optional<Path>> local = new java.util.HashMap<>();
        java.util.function.Function<String, Optional<Path>> locate = url -> local.computeIfAbsent(url, files::locate);
        for (ProductFileRef f : p.files()) {
            Semantics s = Semantics.ofCategory(f.category());
            rows.add(LinkRow.link(id, AccessReferences.absolute(f.accessUrl(), base), s, describe(f, s),
                    f.contentType(), length(f, locate),
                    f.category(), access));
        }
        boolean cuttable = Sodas.cuttable(p, locate);
        if (p.isSpectrum() && (cuttable || Sodas.convertible(p, locate))) {
            // a spectrum sharing its file with others gets these conversions only: SODA does not cut its file
            String enc = URLEncoder.encode(id, StandardCharsets.UTF_8);
            for (String format : ServiceDescriptors.SPECTRUM_FORMATS.subList(1,
                    ServiceDescriptors.SPECTRUM_FORMATS.size())) {
                rows.add(LinkRow.link(id, base + ServiceDescriptors.SODA_PATH + "?ID=" + enc + "&RESPONSEFORMAT="
                        + URLEncoder.encode(format, StandardCharsets.UTF_8), Semantics.THIS,
                        SimplifiedSpectrum.MIME.equals(format) ? "The spectrum as a simplified 1D FITS image"
                                + " (linear wavelength WCS, ObsCore keywords; Data Central layout)"
                                : "The spectrum as " + format, format, null, null, access));
            }
        }
        if (cuttable) {
            if (p.isSpectrum()) {
                String conv = "convert-" + n;
                descriptors.add(ServiceDescriptors.conversion(conv, base, p));
                rows.add(LinkRow.service(id, conv, Semantics.PROC, "Convert the spectrum to another format",
                        null, access));
            }
            String soda = "soda-" + n;
            descriptors.add(ServiceDescriptors.soda(soda, base, p));
            rows.add(LinkRow.service(id, soda, Semantics.CUTOUT, p.isSpectrum()
                    ? "SODA: a wavelength range of the spectrum" : "SODA: a sky (and wavelength) region of the data",
                    "application/fits", access));
        }
    }

    private static String describe(ProductFileRef f, Semantics s) {
        String what = switch (s) {
            case THIS -> "The science file";
            case PREVIEW -> "Preview";
            case PROGENITOR -> "An input (epoch) of this combined product";
            default -> "Ancillary file";
        };
        return what + " (" + f.category() + "): " + f.originalFilename();
    }

    /**
     * The exact size in bytes of what the link serves: the file on this server's disk (a file
     * holding several products is served whole). Null when the file is not here: the catalogue's
     * {@code access_estsize} is kilobytes rounded up, and DataLink's {@code content_length} is
     * exact or absent.
     */
    private static Long length(ProductFileRef f, java.util.function.Function<String, Optional<Path>> locate) {
        Optional<Path> local = locate.apply(f.accessUrl());
        try {
            return local.isPresent() ? Files.size(local.get()) : null;
        } catch (IOException e) {
            return null; // gone since it was located: no size rather than a wrong one
        }
    }
}
