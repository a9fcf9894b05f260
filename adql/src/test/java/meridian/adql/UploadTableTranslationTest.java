package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;
import org.junit.jupiter.api.Test;

/** Upload tables: ADQL names them TAP_UPLOAD.name, the SQL uses their per-request stored name. */
class UploadTableTranslationTest {

    @Test
    void uploadTablesAreTranslatedToTheirStoredName() throws Exception {
        Table upload = Table.of("TAP_UPLOAD", "pos", null, List.of(
                Column.of("id", Datatype.INT).build(), Column.of("ra", Datatype.DOUBLE).build(),
                Column.of("dec", Datatype.DOUBLE).build())).withStoredName("u0123abcd_pos");
        MetadataModel model = ArchiveModel.create("archive", "test")
                .with(new Schema("TAP_UPLOAD", null, null, List.of(upload), 99));
        String sql = QueryTranslator.derby().translate("SELECT u.id, o.obs_id FROM TAP_UPLOAD.pos AS u"
                + " JOIN ivoa.obscore AS o ON DISTANCE(POINT('ICRS', u.ra, u.dec), POINT('ICRS', o.s_ra, o.s_dec))"
                + " < 0.01", AdqlVersion.V2_0, model).sql();
        assertTrue(sql.contains("\"TAP_UPLOAD\".\"u0123abcd_pos\""), sql);
        assertTrue(!sql.contains("\"TAP_UPLOAD\".\"pos\""), sql);
    }
}
