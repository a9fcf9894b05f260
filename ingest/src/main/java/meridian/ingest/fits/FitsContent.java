package meridian.ingest.fits;

import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;

/**
 * An opened, checked FITS file: its HDUs with headers read and data read lazily on first use.
 * Owns the open file; close it.
 *
 * @param file the file
 * @param size its size in bytes
 * @param fits the nom-tam-fits handle
 * @param hdus every HDU, primary first
 */
public record FitsContent(Path file, long size, Fits fits, List<BasicHDU<?>> hdus) implements AutoCloseable {

    @Override
    public void close() {
        try {
            fits.close();
        } catch (java.io.IOException e) {
            // nothing was written; a failing close of a read-only file loses nothing
        }
    }
}
