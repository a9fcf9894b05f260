package meridian.ingest;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meridian.ingest.fits.LoadException;
import meridian.ingest.fits.ProductDraft;
import meridian.ingest.preview.PreviewRenderer;
import meridian.ingest.store.ProductFile;

/**
 * Builds the product_files rows of one product (its science file, its ancillary files, its
 * preview) and owns the naming of files in the archive: file ids
 * ({@code <collection>/<relative path>}), access URLs from the collection's template, and where
 * generated previews go ({@code <root>/<previews.directory>/<sub-directory>/<stem><suffix>.png}).
 * Draws missing previews when asked. Thread-safe: it holds only immutable configuration.
 */
final class ProductFileRowBuilder {

    static final String PREVIEW = "ANCILLARY.PREVIEW";

    /** Where a product's problems go, and how many previews were drawn. */
    interface Sink {
        void warning(String message);

        void previewDrawn();
    }

    private final CollectionDefinition def;
    private final IngestSettings settings;
    private final Path root;
    private final Path previewDir;
    private final PreviewRenderer renderer;
    private final boolean drawPreviews;

    /**
     * @param drawPreviews draw a preview for products without one (false: only reuse previews
     *                     drawn by an earlier run)
     */
    ProductFileRowBuilder(CollectionDefinition def, IngestSettings settings, Path root, PreviewRenderer renderer,
                          boolean drawPreviews) {
        this.def = def;
        this.settings = settings;
        this.root = root;
        this.previewDir = root.resolve(def.previews().directory()).normalize();
        this.renderer = renderer;
        this.drawPreviews = drawPreviews;
    }

    /** {@code <collection>/<relative path>}. */
    String fileId(String relative) {
        return def.name() + "/" + relative;
    }

    /** The file of a file id. */
    Path pathOf(String fileId) {
        return root.resolve(fileId.substring(def.name().length() + 1)).normalize();
    }

    /** True for a file under the directory of generated previews (which the ingestor may delete). */
    boolean isGenerated(Path file) {
        return file.startsWith(previewDir);
    }

    /** The access URL of a file, from the collection's template; path segments URL-encoded. */
    String accessUrl(String relative) {
        StringBuilder path = new StringBuilder();
        for (String seg : relative.split("/")) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return def.access().url().replace("{base}", settings.accessUrlBase())
                .replace("{collection}", URLEncoder.encode(def.name(), StandardCharsets.UTF_8))
                .replace("{path}", path);
    }

    /**
     * The files of one product, and its {@code preview} URL put into its ObsCore {@code row}.
     *
     * @param f         the science file and its ancillary files
     * @param d         the product
     * @param row       its ObsCore row (obs_publisher_did, obs_id set)
     * @param scienceTag what follows the science file's id: "" for single-product files, else
     *                  {@code #<fragment>} or {@code #<obs_id>}
     * @param shared    true when the file holds several products (ancillary ids get {@code #<obs_id>})
     * @param checksums file id to SHA-256 of the science and ancillary files
     * @param size      size of the science file in bytes
     */
    List<ProductFile> filesOf(SourceScanner.SourceFile f, ProductDraft d, Map<String, Object> row, String scienceTag,
                              boolean shared, Map<String, String> checksums, long size, Sink sink) {
        String did = (String) row.get("obs_publisher_did");
        String tag = shared ? "#" + row.get("obs_id") : "";
        String id = fileId(f.relative());
        String name = f.path().getFileName().toString();
        List<ProductFile> out = new ArrayList<>();
        out.add(new ProductFile(did, id + scienceTag, def.loader().scienceCategory(), FileFacts.extension(name), name,
                accessUrl(f.relative()), kb(size), def.access().format(), checksums.get(id)));
        SourceScanner.Ancillary given = null;
        for (SourceScanner.Ancillary a : f.ancillaries()) {
            String aName = a.path().getFileName().toString();
            out.add(new ProductFile(did, fileId(a.relative()) + tag, a.category(), FileFacts.extension(aName), aName,
                    accessUrl(a.relative()), kb(sizeOf(a.path())),
                    a.contentType() != null ? a.contentType() : FileFacts.contentType(aName),
                    checksums.get(fileId(a.relative()))));
            if (given == null && PREVIEW.equals(a.category())) {
                given = a;
            }
        }
        if (given != null) {
            row.put("preview", accessUrl(given.relative()));
        } else {
            ProductFile generated = generatedPreview(f, d, did, sink);
            if (generated != null) {
                out.add(generated);
                row.put("preview", generated.accessUrl());
            }
        }
        return out;
    }

    /** The generated preview of a product: drawn now when wanted, reused when already there. */
    private ProductFile generatedPreview(SourceScanner.SourceFile f, ProductDraft d, String did, Sink sink) {
        String rel = f.relative();
        String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
        String stem = SourceScanner.stem(f.path().getFileName().toString());
        String pngRel = root.relativize(previewDir.resolve(dir + stem + d.suffix() + ".png")).toString()
                .replace(root.getFileSystem().getSeparator(), "/");
        Path png = root.resolve(pngRel);
        if (drawPreviews) {
            try {
                renderer.write(d.preview().load(), png);
                sink.previewDrawn();
            } catch (LoadException | IOException | RuntimeException e) {
                sink.warning(f.path() + ": no preview: " + e.getMessage());
                return null;
            }
        }
        if (!Files.isRegularFile(png)) {
            return null;
        }
        try {
            return new ProductFile(did, fileId(pngRel), PREVIEW, "png", png.getFileName().toString(), accessUrl(pngRel),
                    kb(Files.size(png)), "image/png", FileFacts.sha256(png));
        } catch (IOException e) {
            sink.warning(png + ": " + e.getMessage());
            return null;
        }
    }

    private static long kb(long bytes) {
        return (bytes + 1023) / 1024;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
