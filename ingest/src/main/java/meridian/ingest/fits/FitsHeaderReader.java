package meridian.ingest.fits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;

/**
 * Opens a FITS file and checks it before any loader trusts it: the first card must be
 * {@code SIMPLE = T}, every header must parse, and the file must be as long as its headers
 * say (a truncated file otherwise reads as zeros). Reads headers only; data are read when a
 * loader asks for them.
 */
public final class FitsHeaderReader {

    private static final int BLOCK = 2880;
    /** Held so the level set on it is not lost when java.util.logging drops unreferenced loggers. */
    private static final Logger NOM_TAM_LOG = Logger.getLogger("nom.tam");

    private FitsHeaderReader() {
    }

    /**
     * Silences nom-tam-fits' own warnings (with stack traces) about damaged files: this class
     * turns every such problem into a {@link LoadException} whose reason the ingest report
     * shows, and an operator's terminal should show that, once, not a stack trace. A global
     * library setting: the ingestor calls it once when it is created.
     */
    public static void quietLibraryLogging() {
        NOM_TAM_LOG.setLevel(Level.SEVERE);
    }

    /**
     * Opens and checks {@code file}; the caller closes the result. Gzip-compressed files
     * ({@code .fits.gz}) are read whole, since a compressed stream cannot be read lazily.
     */
    public static FitsContent open(Path file) throws LoadException {
        long size;
        try {
            size = Files.size(file);
            if (isGzip(file)) {
                return openCompressed(file, size);
            }
            checkSignature(file, size);
        } catch (IOException e) {
            throw new LoadException("cannot read the file: " + e.getMessage(), e);
        }
        Fits fits = null;
        try {
            fits = new Fits(file.toFile());
            List<BasicHDU<?>> hdus = new ArrayList<>();
            long expected = 0;
            while (true) {
                if (expected >= size) {
                    break;
                }
                BasicHDU<?> hdu = fits.readHDU();
                if (hdu == null) {
                    break;
                }
                Header h = hdu.getHeader();
                expected += h.getSize() + padded(h.getDataSize());
                hdus.add(hdu);
                if (expected > size) {
                    throw new LoadException("truncated: HDU " + (hdus.size() - 1) + " needs " + expected
                            + " bytes, the file has " + size);
                }
            }
            if (hdus.isEmpty()) {
                throw new LoadException("no HDU could be read");
            }
            return new FitsContent(file, size, fits, List.copyOf(hdus));
        } catch (IOException | RuntimeException e) {
            closeQuietly(fits);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new LoadException("not readable as FITS: " + msg, e);
        } catch (LoadException e) {
            closeQuietly(fits);
            throw e;
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static FitsContent openCompressed(Path file, long size) throws LoadException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] first = in.readNBytes(30);
            String card = new String(first, StandardCharsets.US_ASCII);
            if (first.length < 30 || !card.startsWith("SIMPLE  =") || card.charAt(29) != 'T') {
                throw new LoadException("not a FITS file (compressed, but does not start with SIMPLE = T)");
            }
            // the whole stream must decompress: a truncated .gz fails here, not half-way through a loader
            long total = 30 + in.transferTo(OutputStream.nullOutputStream());
            if (total % BLOCK != 0) {
                throw new LoadException("truncated: decompressed size " + total + " is not a multiple of 2880 bytes");
            }
        } catch (IOException e) {
            throw new LoadException("truncated or corrupt gzip data: " + e.getMessage(), e);
        }
        Fits fits = null;
        try {
            fits = new Fits(file.toFile());
            List<BasicHDU<?>> hdus = List.of(fits.read());
            if (hdus.isEmpty()) {
                throw new LoadException("no HDU could be read");
            }
            return new FitsContent(file, size, fits, hdus);
        } catch (RuntimeException e) {
            closeQuietly(fits);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new LoadException("not readable as FITS: " + msg, e);
        } catch (LoadException e) {
            closeQuietly(fits);
            throw e;
        }
    }

    private static long padded(long n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static void checkSignature(Path file, long size) throws IOException, LoadException {
        if (size < BLOCK) {
            throw new LoadException(size == 0 ? "empty file" : "not a FITS file (shorter than one 2880-byte block)");
        }
        byte[] first = new byte[30];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(first, 0, first.length) < first.length) {
                throw new LoadException("not a FITS file (too short)");
            }
        }
        String card = new String(first, StandardCharsets.US_ASCII);
        if (!card.startsWith("SIMPLE  =") || card.charAt(29) != 'T') {
            throw new LoadException("not a FITS file (does not start with SIMPLE = T)");
        }
        if (size % BLOCK != 0) {
            throw new LoadException("truncated: size " + size + " is not a multiple of 2880 bytes");
        }
    }

    private static void closeQuietly(Fits fits) {
        if (fits != null) {
            try {
                fits.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}
