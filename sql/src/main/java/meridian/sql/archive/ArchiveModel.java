package meridian.sql.archive;

import java.util.List;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;

/** Builds the metadata model of a Meridian archive: ivoa, the archive schema and TAP_SCHEMA. */
public final class ArchiveModel {

    private ArchiveModel() {
    }

    /**
     * The standard model of an archive whose own tables live in {@code archiveSchema}.
     *
     * @param archiveSchema schema of product_files and collections (from conf, e.g. {@code archive})
     * @param archiveTitle  used in the schema description
     */
    public static MetadataModel create(String archiveSchema, String archiveTitle) {
        Schema ivoa = new Schema(ObscoreTable.SCHEMA, "IVOA-defined tables: the ObsCore 1.1 view of the archive",
                null, List.of(ObscoreTable.table()), 1);
        Schema archive = new Schema(archiveSchema, "Tables of " + archiveTitle
                + ": product files and collections", null,
                List.of(ArchiveTables.productFiles(archiveSchema), ArchiveTables.collections(archiveSchema)), 2);
        return new MetadataModel(List.of(ivoa, archive, TapSchemaTables.schema()));
    }
}
