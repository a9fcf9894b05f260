package meridian.server.results;

import java.io.IOException;
import java.io.OutputStream;
import uk.ac.starlink.fits.FitsTableWriter;

/**
 * FITS binary table results. FITS needs the row count before the data, so STIL spools the
 * rows through the default storage policy (set to disk at start-up) rather than memory.
 */
public final class FitsResultWriter implements ResultWriter {

    @Override
    public void write(QueryResultTable table, ResultContext context, OutputStream out) throws IOException {
        new FitsTableWriter().writeStarTable(table, out);
    }
}
