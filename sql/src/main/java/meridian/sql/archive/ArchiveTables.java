package meridian.sql.archive;

import static meridian.sql.model.Datatype.CHAR;
import static meridian.sql.model.Datatype.DOUBLE;
import static meridian.sql.model.Datatype.LONG;

import java.util.List;
import meridian.sql.model.Column;
import meridian.sql.model.ForeignKey;
import meridian.sql.model.Table;

/**
 * The archive's own tables beside ObsCore, in the schema the operator names in
 * {@code conf/meridian.yaml} ({@code archive.schema}):
 * {@code product_files} (one row per file of a product, as ESO's phase3v2.product_files) and
 * {@code collections} (one row per ingested collection).
 */
public final class ArchiveTables {

    public static final String PRODUCT_FILES = "product_files";
    public static final String COLLECTIONS = "collections";

    private ArchiveTables() {
    }

    /** {@code <schema>.product_files}, with its foreign key to {@code ivoa.obscore}. */
    public static Table productFiles(String schema) {
        List<Column> c = List.of(
                Column.of("product_id", CHAR).arraysize("*").ucd("meta.ref.ivoid").notNull().principal().indexed()
                        .description("obs_publisher_did of the ObsCore product this file belongs to").build(),
                Column.of("archive_id", CHAR).arraysize("*").ucd("meta.id;meta.file").notNull().principal().indexed()
                        .description("The file's own identifier in the archive").build(),
                Column.of("category", CHAR).arraysize("*").ucd("meta.code.class").principal().indexed()
                        .description("Role of the file: SCIENCE.SPECTRUM, SCIENCE.IMAGE, SCIENCE.CUBE, "
                                + "ANCILLARY.PREVIEW, ANCILLARY.ERRORSPECTRUM, ANCILLARY.SKYSPECTRUM, ...").build(),
                Column.of("extension", CHAR).arraysize("*").ucd("meta.code.mime")
                        .description("File name extension (fits, png, txt, tar.gz...)").build(),
                Column.of("original_filename", CHAR).arraysize("*").ucd("meta.id;meta.file").principal()
                        .description("Name of the file as delivered by the data provider").build(),
                Column.of("access_url", CHAR).arraysize("*").ucd("meta.ref.url").principal()
                        .description("URL to download the file").build(),
                Column.of("access_estsize", LONG).unit("kbyte").ucd("phys.size;meta.file").principal()
                        .description("Size of the file in kilobytes").build(),
                Column.of("content_type", CHAR).arraysize("*").ucd("meta.code.mime").principal()
                        .description("MIME type of the file").build(),
                Column.of("checksum", CHAR).arraysize("*").ucd("meta.checksum")
                        .description("SHA-256 of the file content, hex encoded").build());
        ForeignKey toObscore = ForeignKey.of(schema + "_product_files_obscore", "product_id",
                ObscoreTable.QUALIFIED_NAME, "obs_publisher_did",
                "Each file belongs to one ObsCore product");
        return new Table(schema, PRODUCT_FILES, "table",
                "Files of each product: the science file and its ancillary files (previews, error spectra, logs...).",
                null, c, List.of("archive_id"), List.of(toObscore), 2, null);
    }

    /** {@code <schema>.collections}: one row per collection declared in conf/collections. */
    public static Table collections(String schema) {
        List<Column> c = List.of(
                Column.of("collection", CHAR).arraysize("*").ucd("meta.id").notNull().principal().indexed()
                        .description("Collection name, as in ivoa.obscore.obs_collection").build(),
                Column.of("title", CHAR).arraysize("*").ucd("meta.title").principal()
                        .description("Human-readable title").build(),
                Column.of("description", CHAR).arraysize("*").ucd("meta.note")
                        .description("What the collection contains").build(),
                Column.of("facility_name", CHAR).arraysize("*").ucd("meta.id;instr.tel").principal()
                        .description("Observatory or facility").build(),
                Column.of("instruments", CHAR).arraysize("*").ucd("meta.id;instr").principal()
                        .description("Instruments, comma separated").build(),
                Column.of("coordinate_frame", CHAR).arraysize("*").ucd("meta.code;pos.frame")
                        .description("Coordinate frame of the positions (ICRS...)").build(),
                Column.of("field_of_view", DOUBLE).unit("deg").ucd("phys.angSize;instr.fov")
                        .description("Approximate field of view").build(),
                Column.of("obs_id_pattern", CHAR).arraysize("*").ucd("meta.code")
                        .description("Regular expression every obs_id of the collection matches").build(),
                Column.of("data_rights", CHAR).arraysize("*").ucd("meta.code")
                        .description("Rights policy: public, secure or proprietary").build(),
                Column.of("citation", CHAR).arraysize("*").ucd("meta.bib")
                        .description("How to cite the collection").build(),
                Column.of("n_products", LONG).ucd("meta.number")
                        .description("Number of ObsCore products of the collection").build(),
                Column.of("updated", CHAR).arraysize("*").xtype("timestamp").ucd("time.processing")
                        .description("When the collection was last ingested").build());
        return new Table(schema, COLLECTIONS, "table",
                "The data collections this archive publishes.", null, c, List.of("collection"), List.of(), 3, null);
    }
}
