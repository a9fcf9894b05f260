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
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoader;
import meridian.ingest.catalogue.CatalogueReport;
import meridian.ingest.demo.DemoArchive;
import meridian.ingest.demo.DemoCatalogue;
import meridian.server.files.Collections;
import meridian.sql.archive.ObscoreTable;

/**
 * The demo archive a newcomer gets on the first {@code ./meridian serve}: when ivoa.obscore is
 * empty, the demo FITS collections are generated (deterministically) into the data directory
 * and ingested like any operator's collection, then the demo source catalogue
 * ({@code demo.sources}) is generated around their spectra and published.
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
    static List<IngestReport> load(Archive archive, Collections collections) throws IOException, SQLException {
        List<Path> yamls = DemoArchive.generate(archive.config().dataDir());
        Ingestor ingestor = new Ingestor(archive.database(), collections.settings());
        List<IngestReport> reports = new java.util.ArrayList<>();
        for (Path yaml : yamls) {
            reports.add(ingestor.ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(),
                    TextProgressBar.onStandardError()));
        }
        return reports;
    }

    /**
     * Generates the demo source catalogue around the demo targets and the spectra now in
     * ivoa.obscore (one counterpart per distinct position: many spectra share a target's), and
     * publishes it as {@code demo.sources}.
     */
    static CatalogueReport loadCatalogue(Archive archive) throws IOException, SQLException {
        var db = archive.database();
        String table = db.backend().quote(ObscoreTable.SCHEMA) + "." + db.backend().quote(ObscoreTable.NAME);
        List<double[]> spectra = new java.util.ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT \"s_ra\", \"s_dec\" FROM " + table
                     + " WHERE \"dataproduct_type\" = 'spectrum' AND \"s_ra\" IS NOT NULL ORDER BY \"s_ra\", \"s_dec\"")) {
            while (rs.next()) {
                spectra.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
            }
        }
        Path yaml = DemoCatalogue.generate(archive.config().dataDir(), spectra);
        return new CatalogueLoader(db).load(CatalogueDefinition.load(yaml), false, rows -> { });
    }
}
