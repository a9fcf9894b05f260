package meridian.server.results;

import java.io.IOException;
import java.io.OutputStream;
import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * FITS binary table results. FITS needs the row count before the data, so the rows are first
 * spooled to a temporary disk store (never to memory), then written.
 */
public final class FitsResultWriter implements ResultWriter {

    @Override
    public void write(QueryResultTable table, ResultContext context, OutputStream out) throws IOException {
        // one pass over the cursor into a disk-backed store, then the row count is known
        StarTable stored = StoragePolicy.PREFER_DISK.copyTable(table);
        new FitsTableWriter().writeStarTable(stored, out);
    }
}
