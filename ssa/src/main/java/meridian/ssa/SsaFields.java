package meridian.ssa;

import java.util.List;

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

    /**
     * A value that is the same for every row, written as a PARAM of the result table.
     *
     * @param name        PARAM name
     * @param utype       SSA utype
     * @param value       the value
     * @param description PARAM description
     */
    public record Constant(String name, String utype, String value, String description) {
    }

    /** The constants of every response. */
    public static final List<Constant> CONSTANTS = List.of(
            new Constant("ssa_model", "ssa:Dataset.DataModel", "Spectrum-1.1", "Data model of the datasets"),
            new Constant("ssa_csysName", "ssa:CoordSys.SpaceFrame.Name", "ICRS", "Frame of the positions"));

    /** The name of the column holding the publisher DID (what DataLink descriptors refer to). */
    public static final String PUBLISHER_DID = "ssa_pubdid";

    /** Every column, in response order. */
    public static final List<Field> ALL = List.of(
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
                    "Unit of the flux axis in the file"));

    private SsaFields() {
    }
}
