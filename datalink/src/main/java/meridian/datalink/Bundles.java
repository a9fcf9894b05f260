package meridian.datalink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Bundles: the files of one or more products (optionally only some categories) as one tar,
 * tar.gz or zip stream, with a MANIFEST.txt first. Everything is checked against the caps
 * before the first byte; files are then copied from disk to the stream one buffer at a time.
 * Thread-safe.
 */
public final class Bundles {

    /** The archive formats offered. */
    public enum Format {
        TAR("application/x-tar", ".tar"),
        TAR_GZ("application/gzip", ".tar.gz"),
        ZIP("application/zip", ".zip");

        private final String mime;
        private final String extension;

        Format(String mime, String extension) {
            this.mime = mime;
            this.extension = extension;
        }

        public String mime() {
            return mime;
        }

        public String extension() {
            return extension;
        }

        /** {@code tar}, {@code tar.gz} / {@code tgz}, {@code zip}, or their MIME types; default tar. */
        public static Format parse(String s) {
            if (s == null || s.isBlank()) {
                return TAR;
            }
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "tar", "application/x-tar" -> TAR;
                case "tar.gz", "tgz", "application/gzip", "application/x-gtar" -> TAR_GZ;
                case "zip", "application/zip" -> ZIP;
                default -> throw DatalinkFault.usage("RESPONSEFORMAT " + s + " is not offered for bundles;"
                        + " use tar, tar.gz or zip");
            };
        }
    }

    /** The caps from {@code datalink.bundle_*}. */
    public record Limits(int maxIds, int maxFiles, long maxBytes) {
    }

    /** One file in a bundle. */
    public record Entry(String name, Path file, long size, String productId, String category) {
    }

    private final ProductCatalog catalog;
    private final FileAccess files;
    private final Limits limits;

    public Bundles(ProductCatalog catalog, FileAccess files, Limits limits) {
        this.catalog = catalog;
        this.files = files;
        this.limits = limits;
    }

    /** Bundles as one caller sees them: hidden products unknown, unreadable ones refused. */
    public Bundles as(ProductRights rights) {
        return new Bundles(catalog.restrictedTo(rights), files, limits);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * The entries of a bundle: every file of every product (a file shared by several products
     * once), restricted to {@code categories} (prefixes such as {@code SCIENCE} or
     * {@code ANCILLARY.PREVIEW}) when not empty.
     *
     * @throws DatalinkFault usage without IDs or over a cap; NotFoundFault for an unknown ID
     */
    public List<Entry> plan(List<String> ids, Set<String> categories) throws IOException {
        if (ids.isEmpty()) {
            throw DatalinkFault.usage("give at least one ID parameter (a product's obs_publisher_did)");
        }
        if (ids.size() > limits.maxIds()) {
            throw new DatalinkFault(DatalinkFault.Type.TOO_LARGE, "the request has " + ids.size() + " IDs; a bundle"
                    + " takes at most " + limits.maxIds() + " (datalink.bundle_max_ids)");
        }
        Map<String, Product> products = catalog.find(ids);
        for (String id : ids) {
            if (!products.containsKey(id)) {
                throw DatalinkFault.notFound("no product with ID " + id);
            }
        }
        catalog.requireReadable(products.keySet());
        Map<Path, Entry> entries = new LinkedHashMap<>();
        long bytes = 0;
        for (Product p : products.values()) {
            for (ProductFileRef f : p.files()) {
                if (!categories.isEmpty() && categories.stream().noneMatch(c -> f.category() != null
                        && f.category().toUpperCase(Locale.ROOT).startsWith(c.toUpperCase(Locale.ROOT)))) {
                    continue;
                }
                Path file = files.require(f.accessUrl());
                if (entries.containsKey(file)) {
                    continue;
                }
                long size = Files.size(file);
                String id = f.archiveId();
                String name = id.indexOf('#') >= 0 ? id.substring(0, id.indexOf('#')) : id;
                entries.put(file, new Entry(name, file, size, p.id(), f.category()));
                bytes += size;
                if (entries.size() > limits.maxFiles()) {
                    throw new DatalinkFault(DatalinkFault.Type.TOO_LARGE, "the bundle would hold more than "
                            + limits.maxFiles() + " files (datalink.bundle_max_files): ask for fewer IDs or categories");
                }
                if (bytes > limits.maxBytes()) {
                    throw new DatalinkFault(DatalinkFault.Type.TOO_LARGE, "the bundle would be larger than "
                            + limits.maxBytes() + " bytes (datalink.bundle_max_bytes): ask for fewer IDs or categories");
                }
            }
        }
        if (entries.isEmpty()) {
            throw DatalinkFault.notFound("the products have no files in the categories " + categories);
        }
        return List.copyOf(entries.values());
    }

    /** The manifest: one tab-separated line per file. */
    public static byte[] manifest(List<Entry> entries) {
        StringBuilder sb = new StringBuilder("# Meridian bundle: name\tbytes\tcategory\tproduct_id\n");
        for (Entry e : entries) {
            sb.append(e.name()).append('\t').append(e.size()).append('\t').append(e.category()).append('\t')
                    .append(e.productId()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the bundle; {@code out} is finished (tar end blocks, gzip trailer, zip directory) but not closed. */
    public static void write(List<Entry> entries, Format format, OutputStream out) throws IOException {
        byte[] manifest = manifest(entries);
        if (format == Format.ZIP) {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("MANIFEST.txt"));
            zip.write(manifest);
            zip.closeEntry();
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name()));
                copy(e.file(), zip);
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
            return;
        }
        GZIPOutputStream gz = format == Format.TAR_GZ ? new GZIPOutputStream(out, 1 << 16) : null;
        OutputStream o = gz != null ? gz : out;
        TarStream tar = new TarStream(o);
        tar.entry("MANIFEST.txt", manifest.length, System.currentTimeMillis());
        o.write(manifest);
        tar.pad(manifest.length);
        for (Entry e : entries) {
            tar.entry(e.name(), e.size(), Files.getLastModifiedTime(e.file()).toMillis());
            long n = copy(e.file(), o);
            if (n != e.size()) {
                throw new IOException(e.file() + " changed size while being bundled");
            }
            tar.pad(n);
        }
        tar.finish();
        if (gz != null) {
            gz.finish();
        }
        out.flush();
    }

    private static long copy(Path file, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.transferTo(out);
        }
    }

    /** Names a bundle of these IDs. */
    public static String fileName(List<String> ids, Format format) {
        return "meridian-bundle-" + Integer.toHexString(ids.hashCode()) + format.extension();
    }

    /** List of names, for tests and manifests. */
    static List<String> names(List<Entry> entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.name()));
        return out;
    }
}
