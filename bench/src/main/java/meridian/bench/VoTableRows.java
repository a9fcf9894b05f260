package meridian.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.VOTableBuilder;

/** Reads a VOTable answer with STIL, row by row, keeping only what the harness needs. Stateless. */
final class VoTableRows {

    private VoTableRows() {
    }

    /** The rows of the first table (any serialization); the first {@code keep} are kept. */
    static List<Object[]> read(byte[] votable, int keep, long[] count) throws IOException {
        List<Object[]> kept = new ArrayList<>();
        count[0] = 0;
        new VOTableBuilder().streamStarTable(new ByteArrayInputStream(votable), new TableSink() {
            @Override
            public void acceptMetadata(StarTable meta) {
                // not needed
            }

            @Override
            public void acceptRow(Object[] row) {
                if (kept.size() < keep) {
                    kept.add(row.clone());
                }
                count[0]++;
            }

            @Override
            public void endRows() {
                // counted
            }
        }, "0");
        return kept;
    }

    /** The row count of a VOTable answer. */
    static long count(byte[] votable) throws IOException {
        long[] n = new long[1];
        read(votable, 0, n);
        return n[0];
    }
}
