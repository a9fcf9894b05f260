package meridian.ssa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of an SSA query response: each is an ADQL expression over {@code ivoa.obscore}
 * with the SSA 1.1 utype, UCD, unit and description its FIELD carries. The ObsCore columns'
 * own (ObsCore) utypes are replaced by these, since SSA clients find columns by SSA utype.
 */
public final class SsaFields {

    /**
     * One result column.
     *
     * @param name        FIELD name
     * @param adql        the ADQL select expression
     * @param utype       SSA utype ({@code ssa:...})
     * @param ucd         UCD
     * @param unit        unit or null
     * @param description FIELD description
     */
    public record Field(String name, String adql, String utype, String ucd, String unit, String description) {
    }

    /** The name of the column holding the publisher DID (what DataLink descriptors refer to). */
    public static final String PUBLISHER_DID = "ssa_pubdid";

    /**
     * The columns of every response, in response order (SSA 1.1 section 4.2: every MAN field and
     * the REC ones ObsCore has data for), after {@link #constants} and before {@link #OPTIONAL}.
     * The spectral resolution is given as SSA's resolving power ({@code em_res_power}): the REC
     * {@code Char.SpectralAxis.Resolution} in metres would divide by it, and one row with 0
     * would fail every query that finds it (ADQL has no CASE to guard the division).
     */
    private static final List<Field> COMMON = List.of(
            new Field("ssa_access", "access_url", "ssa:Access.Reference", "meta.ref.url;meta.dataset", null,
                    "URL to download the spectrum"),
            new Field("ssa_format", "access_format", "ssa:Access.Format", "meta.code.mime", null,
                    "MIME type of the spectrum file"),
            new Field("ssa_size", "access_estsize * 1024", "ssa:Access.Size", "phys.size;meta.file", "byte",
                    "Estimated size of the spectrum file"),
            new Field("ssa_title", "COALESCE(obs_title, obs_id)", "ssa:DataID.Title", "meta.title;meta.dataset", null,
                    "Title of the dataset"),
            new Field(PUBLISHER_DID, "obs_publisher_did", "ssa:Curation.PublisherDID", "meta.ref.ivoid", null,
                    "Dataset identifier assigned by the publisher"),
            new Field("ssa_creatordid", "obs_creator_did", "ssa:DataID.CreatorDID", "meta.id", null,
                    "Dataset identifier assigned by the creator"),
            new Field("ssa_collection", "obs_collection", "ssa:DataID.Collection", "meta.id", null,
                    "Data collection the spectrum belongs to"),
            new Field("ssa_cdate", "obs_creation_date", "ssa:DataID.Date", "time;meta.dataset", null,
                    "Date the dataset was created or processed"),
            new Field("ssa_instrument", "instrument_name", "ssa:DataID.Instrument", "meta.id;instr", null,
                    "Instrument that produced the spectrum"),
            new Field("ssa_dstype", "dataproduct_type", "ssa:Dataset.Type", "meta.code.class", null,
                    "Type of the dataset (spectrum)"),
            new Field("ssa_length", "em_xel", "ssa:Dataset.Length", "meta.number", null,
                    "Number of points in the spectrum"),
            new Field("ssa_targname", "target_name", "ssa:Target.Name", "meta.id;src", null,
                    "Name of the observed target"),
            new Field("ssa_targclass", "target_class", "ssa:Target.Class", "src.class", null,
                    "Class of the target (star, galaxy, QSO...)"),
            new Field("ssa_targetpos", "POINT('ICRS', s_ra, s_dec)", "ssa:Target.Pos", "pos.eq;src", "deg",
                    "ICRS position of the target (ObsCore keeps the pointing, which stands for it)"),
            new Field("ssa_location", "POINT('ICRS', s_ra, s_dec)", "ssa:Char.SpatialAxis.Coverage.Location.Value",
                    "pos.eq;meta.main", "deg", "ICRS position of the aperture centre (ra, dec)"),
            new Field("ssa_ra", "s_ra", "ssa:Char.SpatialAxis.Coverage.Location.Value.C1", "pos.eq.ra", "deg",
                    "Right ascension of the aperture centre, ICRS"),
            new Field("ssa_dec", "s_dec", "ssa:Char.SpatialAxis.Coverage.Location.Value.C2", "pos.eq.dec", "deg",
                    "Declination of the aperture centre, ICRS"),
            new Field("ssa_aperture", "s_fov", "ssa:Char.SpatialAxis.Coverage.Bounds.Extent", "instr.fov", "deg",
                    "Angular diameter of the aperture"),
            new Field("ssa_spaceres", "s_resolution / 3600", "ssa:Char.SpatialAxis.Resolution", "pos.angResolution",
                    "deg", "Spatial resolution"),
            new Field("ssa_dateobs", "(t_min + t_max) / 2", "ssa:Char.TimeAxis.Coverage.Location.Value", "time.epoch",
                    "d", "Mid-point of the observation, MJD"),
            new Field("ssa_timeext", "t_exptime", "ssa:Char.TimeAxis.Coverage.Bounds.Extent", "time.duration", "s",
                    "Exposure time"),
            new Field("ssa_tstart", "t_min", "ssa:Char.TimeAxis.Coverage.Bounds.Start", "time.start;obs.exposure", "d",
                    "Start of the observation, MJD"),
            new Field("ssa_tstop", "t_max", "ssa:Char.TimeAxis.Coverage.Bounds.Stop", "time.end;obs.exposure", "d",
                    "End of the observation, MJD"),
            new Field("ssa_timeres", "t_resolution", "ssa:Char.TimeAxis.Resolution", "time.resolution", "s",
                    "Time resolution"),
            new Field("ssa_specmid", "(em_min + em_max) / 2", "ssa:Char.SpectralAxis.Coverage.Location.Value",
                    "em.wl;instr.bandpass", "m", "Mid-point of the spectral coverage (vacuum wavelength)"),
            new Field("ssa_specext", "em_max - em_min", "ssa:Char.SpectralAxis.Coverage.Bounds.Extent",
                    "em.wl;instr.bandwidth", "m", "Width of the spectral coverage"),
            new Field("ssa_specstart", "em_min", "ssa:Char.SpectralAxis.Coverage.Bounds.Start", "em.wl;stat.min", "m",
                    "Shortest wavelength covered"),
            new Field("ssa_specend", "em_max", "ssa:Char.SpectralAxis.Coverage.Bounds.Stop", "em.wl;stat.max", "m",
                    "Longest wavelength covered"),
            new Field("ssa_specrp", "em_res_power", "ssa:Char.SpectralAxis.ResPower", "spect.resolution", null,
                    "Resolving power lambda / delta lambda"),
            new Field("ssa_spectralucd", "em_ucd", "ssa:Char.SpectralAxis.Ucd", "meta.ucd", null,
                    "UCD of the spectral axis"),
            new Field("ssa_spectralunit", "em_unit", "ssa:Char.SpectralAxis.Unit", "meta.unit", null,
                    "Unit of the spectral axis in the file"),
            new Field("ssa_fluxucd", "o_ucd", "ssa:Char.FluxAxis.Ucd", "meta.ucd", null,
                    "UCD of the flux axis"),
            new Field("ssa_fluxunit", "o_unit", "ssa:Char.FluxAxis.Unit", "meta.unit", null,
                    "Unit of the flux axis in the file"),
            new Field("ssa_reference", "bib_reference", "ssa:Curation.Reference", "meta.bib.bibcode", null,
                    "Bibcode or URL of a publication describing the data"),
            new Field("ssa_rights", "data_rights", "ssa:Curation.Rights", "meta.code", null,
                    "Access rights: public, secure or proprietary"));

    /**
     * The columns Meridian's {@code ivoa.obscore} has beyond ObsCore 1.1 (see {@link SsaQuery}),
     * by column name; a response has those the archive's table has.
     */
    private static final Map<String, Field> OPTIONAL = optional();

    private static Map<String, Field> optional() {
        Map<String, Field> m = new LinkedHashMap<>();
        m.put(SsaQuery.REDSHIFT, new Field("ssa_redshift", SsaQuery.REDSHIFT, "ssa:Target.Redshift", "src.redshift",
                null, "Redshift of the target"));
        m.put(SsaQuery.SNR, new Field("ssa_snr", SsaQuery.SNR, "ssa:Derived.SNR", "stat.snr", null,
                "Typical signal-to-noise ratio of the spectrum"));
        m.put(SsaQuery.FLUX_CALIB, new Field("ssa_fluxcalib", SsaQuery.FLUX_CALIB, "ssa:Char.FluxAxis.Calibration",
                "meta.code.qual", null, "Flux calibration: ABSOLUTE, RELATIVE, NORMALIZED or UNCALIBRATED"));
        m.put(SsaQuery.WAVE_CALIB, new Field("ssa_speccalib", SsaQuery.WAVE_CALIB,
                "ssa:Char.SpectralAxis.Calibration", "meta.code.qual", null,
                "Spectral calibration: ABSOLUTE, RELATIVE or UNCALIBRATED"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The data model the {@code ssa:Dataset.DataModel} field names. */
    public static final String DATA_MODEL = "Spectrum-1.1";

    /**
     * The columns of a response, in order: the constants (data model, publisher, frame), the
     * common columns, then the optional ones the archive's {@code ivoa.obscore} has. A
     * {@code FORMAT=METADATA} response lists exactly these.
     *
     * @param publisher      the {@code ssa:Curation.Publisher} of every dataset (the service's
     *                       {@code service.publisher})
     * @param obscoreColumns the column names of {@code ivoa.obscore}
     */
    public static List<Field> of(String publisher, Set<String> obscoreColumns) {
        List<Field> out = new ArrayList<>(constants(publisher));
        out.addAll(COMMON);
        OPTIONAL.forEach((column, field) -> {
            if (obscoreColumns.contains(column)) {
                out.add(field);
            }
        });
        return List.copyOf(out);
    }

    /** The MAN and REC values that are the same for every row, as literal columns. */
    private static List<Field> constants(String publisher) {
        return List.of(
                new Field("ssa_model", AdqlLiterals.string(DATA_MODEL), "ssa:Dataset.DataModel", "meta.id;meta.dataset",
                        null, "Data model name and version of the datasets"),
                new Field("ssa_publisher", AdqlLiterals.string(publisher), "ssa:Curation.Publisher", "meta.curation",
                        null, "Publisher of the datasets"),
                new Field("ssa_csysName", AdqlLiterals.string("ICRS"), "ssa:CoordSys.SpaceFrame.Name", "meta.code;pos.frame",
                        null, "Frame of the positions"));
    }

    private SsaFields() {
    }
}
