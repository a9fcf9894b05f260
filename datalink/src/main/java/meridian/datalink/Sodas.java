package meridian.datalink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * SODA 1.0 sync without HTTP: checks a request against the product, decides what to send
 * (the file itself, a FITS cutout, or the spectrum in another format) and only then writes.
 * Thread-safe.
 */
public final class Sodas {

    private final ProductCatalog catalog;
    private final FileAccess files;

    public Sodas(ProductCatalog catalog, FileAccess files) {
        this.catalog = catalog;
        this.files = files;
    }

    /** SODA as one caller sees it: hidden products unknown, unreadable ones refused. */
    public Sodas as(ProductRights rights) {
        return new Sodas(catalog.restrictedTo(rights), files);
    }

    /** True when SODA can serve the product: one FITS science file, here, holding only this product. */
    public static boolean cuttable(Product p, FileAccess files) {
        return cuttable(p, files::locate);
    }

    /** As {@link #cuttable(Product, FileAccess)}, with the access URL → file lookup given. */
    static boolean cuttable(Product p, java.util.function.Function<String, java.util.Optional<Path>> locate) {
        return p.science().filter(f -> !f.isShared())
                .filter(f -> f.contentType() == null || f.contentType().contains("fits"))
                .filter(f -> p.isSpectrum() || p.isImage() || p.isCube())
                .flatMap(f -> locate.apply(f.accessUrl())).isPresent();
    }

    /**
     * True when SODA can convert the product to the {@link ServiceDescriptors#SPECTRUM_FORMATS}
     * other than FITS: a spectrum whose FITS science file is here, alone in it or one part of it
     * (a fibre's HDU, a table row). The part alone is never served as FITS.
     */
    static boolean convertible(Product p, java.util.function.Function<String, java.util.Optional<Path>> locate) {
        return p.isSpectrum() && p.science()
                .filter(f -> f.contentType() == null || f.contentType().contains("fits"))
                .flatMap(f -> locate.apply(f.accessUrl())).isPresent();
    }

    /** What a SODA request answers: decided, not yet written. Close it after writing. */
    public interface Response extends AutoCloseable {
        String contentType();

        /** A file name for Content-Disposition. */
        String fileName();

        /** The number of bytes {@link #writeTo} will write, or -1 when not known in advance. */
        default long length() {
            return -1;
        }

        void writeTo(OutputStream out) throws IOException;

        @Override
        void close() throws IOException;
    }

    /**
     * Plans the answer to a request.
     *
     * @throws DatalinkFault NotFoundFault, UsageFault, NoOverlap... before anything is written
     */
    public Response plan(SodaParameters request) throws IOException {
        Product product = catalog.require(request.id());
        SodaParameters p = request.inObservedFrame(product.redshift());
        catalog.requireReadable(List.of(product.id()));
        if (!cuttable(product, files) && !convertible(product, files::locate)) {
            throw DatalinkFault.notFound("SODA does not serve " + p.id()
                    + " (no FITS science file here, or the file holds several products that are not spectra)");
        }
        ProductFileRef science = product.science().orElseThrow();
        Path file = files.require(science.accessUrl());
        String stem = stem(science.originalFilename());
        String format = normalise(p.responseFormat());
        checkTimeAndPol(product, p);
        if (product.isSpectrum()) {
            if (p.region() != null) {
                throw DatalinkFault.usage("a spectrum has no spatial axes: POS, CIRCLE and POLYGON do not apply");
            }
            if (science.isShared() && "application/fits".equals(format)) {
                throw DatalinkFault.usage(p.id() + " is one of several spectra in " + science.originalFilename()
                        + ": SODA serves it converted (RESPONSEFORMAT one of " + ServiceDescriptors.SPECTRUM_FORMATS
                        .subList(1, ServiceDescriptors.SPECTRUM_FORMATS.size()) + "); the whole file is its #this link");
            }
            if ("application/fits".equals(format) && p.band() == null) {
                return whole(file, science);
            }
            if (p.band() != null && "application/fits".equals(format) && isImageSpectrum(file)) {
                return cutout(file, p, stem);
            }
            SpectrumData s = SpectrumData.read(file, science.part());
            SpectrumData out = p.band() == null ? s : s.cut(p.band());
            if (SimplifiedSpectrum.MIME.equals(format)) {
                List<String> provenance = provenance(science, request, p);
                return new Simple(format, stem + extension(format), -1,
                        o -> SimplifiedSpectrum.write(out, product, provenance, o));
            }
            return new Simple(format, stem + extension(format), -1, o -> out.write(format, product.id(), o));
        }
        if (!"application/fits".equals(format)) {
            throw DatalinkFault.usage("RESPONSEFORMAT " + p.responseFormat() + " is not offered for "
                    + product.dataproductType() + " data; only application/fits");
        }
        SodaParameters q = p;
        if (product.isImage() && p.band() != null) {
            // an image has no spectral axis: BAND selects it whole (its filter overlaps) or not at all
            checkBand(product, p.band());
            q = new SodaParameters(p.id(), p.region(), null, null, p.time(), p.pol(), p.responseFormat());
        }
        if (q.region() == null && q.band() == null) {
            return whole(file, science);
        }
        return cutout(file, q, stem);
    }

    /** Where a converted spectrum came from: its file and the cut asked for. */
    private static List<String> provenance(ProductFileRef science, SodaParameters request, SodaParameters observed) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("From " + (science.isShared() ? "the spectrum " + science.part() + " of " : "")
                + "the file " + science.originalFilename() + " (" + science.category() + ")");
        if (request.bandRest() != null) {
            lines.add("Cut by SODA to BANDREST " + request.bandRest()[0] + " " + request.bandRest()[1]
                    + " m (rest frame), i.e. BAND " + observed.band()[0] + " " + observed.band()[1] + " m");
        } else if (observed.band() != null) {
            lines.add("Cut by SODA to BAND " + observed.band()[0] + " " + observed.band()[1] + " m");
        }
        return lines;
    }

    private static void checkBand(Product product, double[] band) {
        if (product.emMin() != null && product.emMax() != null
                && (band[1] < product.emMin() || band[0] > product.emMax())) {
            throw new DatalinkFault(DatalinkFault.Type.NO_OVERLAP, "BAND " + band[0] + " " + band[1]
                    + " m does not overlap the image's band (" + product.emMin() + " to " + product.emMax() + " m)");
        }
    }

    private static boolean isImageSpectrum(Path file) throws IOException {
        try (nom.tam.fits.Fits f = new nom.tam.fits.Fits(file.toFile())) {
            for (nom.tam.fits.BasicHDU<?> b = f.readHDU(); b != null; b = f.readHDU()) {
                if (b instanceof nom.tam.fits.ImageHDU && b.getHeader().getIntValue("NAXIS", 0) == 1) {
                    return true;
                }
            }
            return false;
        } catch (nom.tam.fits.FitsException e) {
            return false;
        }
    }

    private static Response cutout(Path file, SodaParameters p, String stem) throws IOException {
        FitsCutout c = FitsCutout.plan(file, p);
        long[][] box = c.box();
        StringBuilder note = new StringBuilder();
        for (int i = 0; i < box[0].length; i++) {
            note.append(i == 0 ? "pixels " : ", ").append(box[0][i]).append(':').append(box[1][i]);
        }
        return new Response() {
            @Override
            public String contentType() {
                return "application/fits";
            }

            @Override
            public String fileName() {
                return stem + "_cutout.fits";
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                c.write(out, note.toString());
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }

    private static Response whole(Path file, ProductFileRef science) throws IOException {
        long size = Files.size(file);
        return new Simple("application/fits", science.originalFilename(), size, out -> {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        });
    }

    /** TIME and POL on data without those axes: pass when the product's coverage fits, else NoOverlap. */
    private static void checkTimeAndPol(Product product, SodaParameters p) {
        if (p.time() != null && product.tMin() != null && product.tMax() != null
                && (p.time()[1] < product.tMin() || p.time()[0] > product.tMax())) {
            throw new DatalinkFault(DatalinkFault.Type.NO_OVERLAP, "TIME " + p.time()[0] + " " + p.time()[1]
                    + " does not overlap the observation (MJD " + product.tMin() + " to " + product.tMax() + ")");
        }
        if (!p.pol().isEmpty() && !p.pol().contains("I")) {
            throw new DatalinkFault(DatalinkFault.Type.NO_OVERLAP, "the data has no polarization axis (total"
                    + " intensity, I, only)");
        }
    }

    private static String normalise(String format) {
        if (format == null) {
            return "application/fits";
        }
        String f = format.toLowerCase(Locale.ROOT).trim().replaceAll("\\s*;\\s*", ";");
        return switch (f) {
            case SimplifiedSpectrum.MIME, SimplifiedSpectrum.ALIAS -> SimplifiedSpectrum.MIME;
            case "fits", "application/fits", "image/fits" -> "application/fits";
            case "votable", "vot", "application/x-votable+xml", "text/xml" -> "application/x-votable+xml";
            case "csv", "text/csv" -> "text/csv";
            case "ecsv", "text/x-ecsv" -> "text/x-ecsv";
            default -> throw DatalinkFault.usage("RESPONSEFORMAT " + format + " is not offered; use one of "
                    + ServiceDescriptors.SPECTRUM_FORMATS);
        };
    }

    private static String extension(String format) {
        return switch (format) {
            case "application/x-votable+xml" -> ".vot";
            case "text/csv" -> ".csv";
            case "text/x-ecsv" -> ".ecsv";
            case SimplifiedSpectrum.MIME -> "_simplified.fits";
            default -> "_1d.fits";
        };
    }

    private static String stem(String name) {
        int dot = name == null ? -1 : name.indexOf('.');
        return name == null ? "product" : dot > 0 ? name.substring(0, dot) : name;
    }

    /** Something written by one call. */
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private record Simple(String contentType, String fileName, long length, Body body) implements Response {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            body.write(out);
        }

        @Override
        public void close() {
            // nothing held open
        }
    }
}
