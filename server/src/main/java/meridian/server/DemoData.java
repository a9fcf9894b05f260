package meridian.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.IngestOptions;
import meridian.ingest.IngestReport;
import meridian.ingest.Ingestor;
import meridian.ingest.TextProgressBar;
import meridian.ingest.demo.DemoArchive;
import meridian.server.files.Collections;
import meridian.sql.archive.ObscoreTable;

/**
 * The demo archive a newcomer gets on the first {@code ./meridian serve}: when ivoa.obscore is
 * empty, the demo FITS collections are generated (deterministically) into the data directory
 * and ingested like any operator's collection.
 */
final class DemoData {

    private DemoData() {
    }

    /** True when the archive has no ObsCore rows. */
    static boolean archiveIsEmpty(Archive archive) throws SQLException {
        var db = archive.database();
        String table = db.backend().quote(ObscoreTable.SCHEMA) + "." + db.backend().quote(ObscoreTable.NAME);
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    /**
     * Generates and ingests the demo collections.
     *
     * @return the reports, one per collection
     */
    static List<IngestReport> load(Archive archive, Collections collections, String accessUrlBase)
            throws IOException, SQLException {
        List<Path> yamls = DemoArchive.generate(archive.config().dataDir());
        Ingestor ingestor = new Ingestor(archive.database(), collections.settings(accessUrlBase));
        List<IngestReport> reports = new java.util.ArrayList<>();
        for (Path yaml : yamls) {
            reports.add(ingestor.ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(),
                    TextProgressBar.onStandardError()));
        }
        return reports;
    }
}
