package meridian.sql.archive;

import static meridian.sql.model.Datatype.CHAR;
import static meridian.sql.model.Datatype.DOUBLE;
import static meridian.sql.model.Datatype.INT;
import static meridian.sql.model.Datatype.LONG;
import static meridian.sql.model.Datatype.UNICODE_CHAR;

import java.util.ArrayList;
import java.util.List;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.Table;

/**
 * {@code ivoa.obscore} as ObsCore 1.1 defines it: every mandatory column with the standard's
 * names, types, units, UCDs and utypes, and the optional ones an archive of spectra, images and
 * cubes fills, plus four non-standard columns for SSA ({@code redshift}, {@code snr},
 * {@code flux_calib}, {@code wave_calib}). The ObsCore data model identifier is
 * {@link #DATA_MODEL_IVOID}. Free text (names and titles: target_name, target_class,
 * facility_name, instrument_name, obs_title) is {@code unicodeChar}, since FITS headers and
 * collection definitions put non-ASCII names there; identifiers, codes, URLs, UCDs, units and
 * dates are ASCII by their own standards and stay {@code char}.
 */
public final class ObscoreTable {

    public static final String SCHEMA = "ivoa";
    public static final String NAME = "obscore";
    public static final String QUALIFIED_NAME = SCHEMA + "." + NAME;
    /** Identifier declared in TAPRegExt dataModel for ObsCore 1.1. */
    public static final String DATA_MODEL_IVOID = "ivo://ivoa.net/std/ObsCore#core-1.1";
    /** The utype of the table itself. */
    public static final String TABLE_UTYPE = "ivo://ivoa.net/std/obscore#table-1.1";
    /**
     * Name of the hidden column holding a product's own user groups (see {@link #groupsValue}).
     * It is stored with the table but is not part of the model: neither TAP_SCHEMA, {@code SELECT *}
     * nor any ADQL query can name it; only the access rules read it.
     */
    public static final String GROUPS = "meridian_groups";
    /** Prefix of a {@link #GROUPS} value whose product is also readable by its collection's groups. */
    public static final String WITH_COLLECTION_GROUPS = "+";

    private ObscoreTable() {
    }

    /** The table definition. */
    public static Table table() {
        List<Column> c = new ArrayList<>();
        // mandatory columns (ObsCore 1.1 table 6), in the standard's order
        c.add(col("dataproduct_type", CHAR, "*", null, "meta.code.class", "ObsDataset.dataProductType",
                "Data product (file content) primary type: image, cube, spectrum, sed, timeseries, visibility, event, measurements").principal().indexed().build());
        c.add(col("calib_level", INT, null, null, "meta.code;obs.calib", "ObsDataset.calibLevel",
                "Calibration level of the observation: 0 raw ... 3 science ready, 4 analysis product").principal().notNull().build());
        c.add(col("obs_collection", CHAR, "*", null, "meta.id", "DataID.Collection",
                "Name of the data collection").principal().indexed().notNull().build());
        c.add(col("obs_id", CHAR, "*", null, "meta.id", "DataID.observationID",
                "Internal ID given by the ObsTAP service").principal().indexed().notNull().build());
        c.add(col("obs_publisher_did", CHAR, "*", null, "meta.ref.ivoid", "Curation.PublisherDID",
                "ID for the Dataset given by the publisher").principal().indexed().notNull().build());
        c.add(col("access_url", CHAR, "*", null, "meta.ref.url", "Access.Reference",
                "URL used to access (download) the dataset").principal().build());
        c.add(col("access_format", CHAR, "*", null, "meta.code.mime", "Access.Format",
                "File content format (MIME type)").principal().build());
        c.add(col("access_estsize", LONG, null, "kbyte", "phys.size;meta.file", "Access.Size",
                "Estimated size of dataset in kilobytes").principal().build());
        c.add(col("target_name", UNICODE_CHAR, "*", null, "meta.id;src", "Target.Name",
                "Astronomical object observed, if any").principal().indexed().build());
        c.add(col("s_ra", DOUBLE, null, "deg", "pos.eq.ra",
                "Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1",
                "Central right ascension, ICRS").principal().indexed().build());
        c.add(col("s_dec", DOUBLE, null, "deg", "pos.eq.dec",
                "Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C2",
                "Central declination, ICRS").principal().indexed().build());
        c.add(col("s_fov", DOUBLE, null, "deg", "phys.angSize;instr.fov",
                "Char.SpatialAxis.Coverage.Bounds.Extent.diameter",
                "Diameter (bounds) of the covered region").principal().build());
        c.add(Column.of("s_region", CHAR).arraysize("*").xtype("adql:REGION").ucd("pos.outline;obs.field")
                .utype("obscore:Char.SpatialAxis.Coverage.Support.Area").std()
                .description("Sky region covered by the data product (expressed in ICRS frame)").principal().build());
        c.add(col("s_resolution", DOUBLE, null, "arcsec", "pos.angResolution",
                "Char.SpatialAxis.Resolution.Refval.value",
                "Spatial resolution of data as FWHM").principal().build());
        c.add(col("s_xel1", LONG, null, null, "meta.number", "Char.SpatialAxis.numBins1",
                "Number of elements along the first spatial axis").build());
        c.add(col("s_xel2", LONG, null, null, "meta.number", "Char.SpatialAxis.numBins2",
                "Number of elements along the second spatial axis").build());
        c.add(col("t_min", DOUBLE, null, "d", "time.start;obs.exposure",
                "Char.TimeAxis.Coverage.Bounds.Limits.StartTime",
                "Start time in MJD").principal().indexed().build());
        c.add(col("t_max", DOUBLE, null, "d", "time.end;obs.exposure",
                "Char.TimeAxis.Coverage.Bounds.Limits.StopTime",
                "Stop time in MJD").principal().build());
        c.add(col("t_exptime", DOUBLE, null, "s", "time.duration;obs.exposure",
                "Char.TimeAxis.Coverage.Support.Extent",
                "Total exposure time").principal().build());
        c.add(col("t_resolution", DOUBLE, null, "s", "time.resolution",
                "Char.TimeAxis.Resolution.Refval.value",
                "Temporal resolution FWHM").principal().build());
        c.add(col("t_xel", LONG, null, null, "meta.number", "Char.TimeAxis.numBins",
                "Number of elements along the time axis").build());
        c.add(col("em_min", DOUBLE, null, "m", "em.wl;stat.min",
                "Char.SpectralAxis.Coverage.Bounds.Limits.LoLimit",
                "Start in spectral coordinates (vacuum wavelength)").principal().indexed().build());
        c.add(col("em_max", DOUBLE, null, "m", "em.wl;stat.max",
                "Char.SpectralAxis.Coverage.Bounds.Limits.HiLimit",
                "Stop in spectral coordinates (vacuum wavelength)").principal().indexed().build());
        c.add(col("em_res_power", DOUBLE, null, null, "spect.resolution",
                "Char.SpectralAxis.Resolution.ResolPower.refVal",
                "Value of the resolving power along the spectral axis (R)").principal().build());
        c.add(col("em_xel", LONG, null, null, "meta.number", "Char.SpectralAxis.numBins",
                "Number of elements along the spectral axis").build());
        c.add(col("o_ucd", CHAR, "*", null, "meta.ucd", "Char.ObservableAxis.ucd",
                "UCD of observable (e.g. phot.flux.density, phot.count, etc.)").principal().build());
        c.add(col("pol_states", CHAR, "*", null, "meta.code;phys.polarization",
                "Char.PolarizationAxis.stateList",
                "List of polarization states or NULL if not applicable").build());
        c.add(col("pol_xel", LONG, null, null, "meta.number", "Char.PolarizationAxis.numBins",
                "Number of polarization samples").build());
        c.add(col("facility_name", UNICODE_CHAR, "*", null, "meta.id;instr.tel", "Provenance.ObsConfig.Facility.name",
                "Name of the facility used for this observation").principal().build());
        c.add(col("instrument_name", UNICODE_CHAR, "*", null, "meta.id;instr", "Provenance.ObsConfig.Instrument.name",
                "Name of the instrument used for this observation").principal().build());
        // optional columns (ObsCore 1.1 table 7) that a FITS archive fills
        c.add(col("dataproduct_subtype", CHAR, "*", null, "meta.code.class", "ObsDataset.dataProductSubtype",
                "Data product specific type").build());
        c.add(col("target_class", UNICODE_CHAR, "*", null, "src.class", "Target.Class",
                "Class of the target object (star, galaxy, QSO...)").build());
        c.add(col("obs_creation_date", CHAR, "*", null, "time;meta.dataset", "DataID.Date",
                "Date of creation of the data product").xtype("timestamp").build());
        c.add(col("obs_creator_did", CHAR, "*", null, "meta.id", "DataID.CreatorDID",
                "IVOA dataset identifier given by the creator").build());
        c.add(col("obs_title", UNICODE_CHAR, "*", null, "meta.title;obs", "DataID.Title",
                "Brief description of the dataset").build());
        c.add(col("publisher_id", CHAR, "*", null, "meta.ref.ivoid", "Curation.PublisherID",
                "IVOA identifier of the data publisher").build());
        c.add(col("bib_reference", CHAR, "*", null, "meta.bib.bibcode", "Curation.Reference",
                "Bibcode of a publication describing the data").build());
        c.add(col("data_rights", CHAR, "*", null, "meta.code", "Curation.Rights",
                "Data rights: public, secure or proprietary").build());
        c.add(col("obs_release_date", CHAR, "*", null, "time.release", "Curation.releaseDate",
                "Date the data became or become public").xtype("timestamp").build());
        c.add(col("em_ucd", CHAR, "*", null, "meta.ucd", "Char.SpectralAxis.ucd",
                "Nature of the spectral axis (em.wl, em.freq...)").build());
        c.add(col("em_unit", CHAR, "*", null, "meta.unit", "Char.SpectralAxis.unit",
                "Units along the spectral axis").build());
        c.add(col("o_unit", CHAR, "*", null, "meta.unit", "Char.ObservableAxis.unit",
                "Units of the observable").build());
        c.add(col("s_pixel_scale", DOUBLE, null, "arcsec", "phys.angSize;instr.pixel",
                "Char.SpatialAxis.Sampling.RefVal.SamplingPeriod",
                "Sampling period in world coordinate units along the spatial axis").build());
        c.add(col("proposal_id", CHAR, "*", null, "meta.id;obs.proposal", "Provenance.Proposal.identifier",
                "Identifier of proposal to which observation belongs").build());
        c.add(Column.of("preview", CHAR).arraysize("*").ucd("meta.ref.url;meta.preview")
                .description("URL of a quick-look preview of the product, if any").build());
        c.add(Column.of("source_table", CHAR).arraysize("*").ucd("meta.id;meta.table")
                .description("The archive table holding the full metadata of this product").build());
        // non-standard columns (not in ObsCore 1.1) that SSA needs for REDSHIFT, BANDREST, SNR,
        // FLUXCALIB and WAVECALIB; null when a collection does not map them
        c.add(Column.of("redshift", DOUBLE).ucd("src.redshift").utype("ssa:Target.Redshift")
                .description("Redshift of the source (z); SSA REDSHIFT and BANDREST (rest wavelength"
                        + " = observed / (1 + z)) use it").build());
        c.add(Column.of("snr", DOUBLE).ucd("stat.snr").utype("ssa:Derived.SNR")
                .description("Typical signal-to-noise ratio of the spectrum; SSA SNR uses it").build());
        c.add(Column.of("flux_calib", CHAR).arraysize("*").ucd("meta.code.qual")
                .utype("ssa:Char.FluxAxis.Calibration")
                .description("Flux calibration: ABSOLUTE, RELATIVE, NORMALIZED or UNCALIBRATED; SSA FLUXCALIB"
                        + " uses it").build());
        c.add(Column.of("wave_calib", CHAR).arraysize("*").ucd("meta.code.qual")
                .utype("ssa:Char.SpectralAxis.Calibration")
                .description("Spectral (wavelength) calibration: ABSOLUTE, RELATIVE or UNCALIBRATED; SSA"
                        + " WAVECALIB uses it").build());
        return new Table(SCHEMA, NAME, "table",
                "ObsCore 1.1 table: one row per published observation or product (spectra, images, cubes).",
                TABLE_UTYPE, c, List.of("obs_publisher_did"), List.of(), 1, new Table.Position("s_ra", "s_dec"));
    }

    /** Whether {@code t} is {@code ivoa.obscore} as stored (not an upload of the same name). */
    public static boolean isObscore(Table t) {
        return SCHEMA.equals(t.schema()) && NAME.equals(t.storedName());
    }

    /** The columns stored with {@code t} beyond its model: {@link #GROUPS} for ivoa.obscore. */
    public static List<Column> hiddenColumns(Table t) {
        return isObscore(t) ? List.of(Column.of(GROUPS, CHAR).arraysize("*").build()) : List.of();
    }

    /**
     * The {@link #GROUPS} value of a product: null when it has no groups of its own (its
     * collection's {@code rights.groups} apply, as they are configured now); otherwise its groups,
     * each between bars ({@code |a|b|}, just {@code |} for none), after {@link #WITH_COLLECTION_GROUPS}
     * when its collection's groups apply too. Bars let a query test membership with
     * {@code LIKE '%|name|%'}; group names contain only letters, digits, {@code _ . -}.
     */
    public static String groupsValue(boolean withCollectionGroups, java.util.Collection<String> groups) {
        if (withCollectionGroups && groups.isEmpty()) {
            return null;
        }
        return (withCollectionGroups ? WITH_COLLECTION_GROUPS : "") + "|"
                + groups.stream().distinct().map(g -> g + "|").collect(java.util.stream.Collectors.joining());
    }

    private static Column.Builder col(String name, Datatype type, String arraysize, String unit, String ucd,
                                      String utype, String description) {
        return Column.of(name, type).arraysize(arraysize).unit(unit).ucd(ucd).utype("obscore:" + utype)
                .description(description).std();
    }
}
