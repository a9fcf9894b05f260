package meridian.ssa;

import java.util.List;

/**
 * The input parameters of the SSA service, as FORMAT=METADATA describes them (one
 * {@code PARAM name="INPUT:NAME"} each).
 */
public final class SsaInputs {

    /**
     * One input parameter.
     *
     * @param name        parameter name
     * @param datatype    VOTable datatype ({@code char}, {@code double}, {@code int})
     * @param unit        unit or null
     * @param ucd         UCD or null
     * @param description what it does
     */
    public record Input(String name, String datatype, String unit, String ucd, String description) {
    }

    private SsaInputs() {
    }

    /**
     * Every parameter the service understands.
     *
     * @param limits the limits quoted in the descriptions
     */
    public static List<Input> all(SsaParameters.Limits limits) {
        return List.of(
                new Input("REQUEST", "char", null, null, "queryData (the default)"),
                new Input("POS", "char", "deg", "pos.eq",
                        "Search position ra,dec in ICRS decimal degrees (an optional ;ICRS suffix is accepted)"),
                new Input("SIZE", "double", "deg", "instr.fov",
                        "Diameter of the search cone in degrees (SSA 1.1), above 0 and at most "
                                + (int) SsaParameters.MAX_SIZE + "; default " + limits.defaultSize()),
                new Input("BAND", "char", "m", "em.wl",
                        "Spectral coverage wanted: vacuum wavelengths in metres as lo/hi, lo/, /hi or a single"
                                + " value that the spectrum must contain, comma-separated alternatives, or a band"
                                + " name: " + Bands.names()),
                new Input("BANDREST", "char", "m", "em.wl",
                        "As BAND, in the rest frame of each spectrum's source (needs the optional"
                                + " ivoa.obscore.redshift column)"),
                new Input("TIME", "char", null, "time",
                        "Observation interval, ISO 8601 UTC: start/end, start/, /end or a single instant"),
                new Input("FORMAT", "char", null, "meta.code.mime",
                        "Dataset formats: all, compliant, native, votable, fits, xml, graphic, a MIME type,"
                                + " simplified (application/fits;content=simplified: every FITS spectrum, linked to"
                                + " its simplified 1D FITS version), or metadata for this description"),
                new Input("TARGETNAME", "char", null, "meta.id;src",
                        "Target name, matched case- and space-insensitively against the names and aliases the"
                                + " archive knows; unknown or ambiguous names find nothing"),
                new Input("TARGETCLASS", "char", null, "src.class", "Target classes (comma-separated), e.g. star,QSO"),
                new Input("COLLECTION", "char", null, "meta.id", "Collection names (comma-separated)"),
                new Input("PUBDID", "char", null, "meta.ref.ivoid", "Publisher dataset identifier"),
                new Input("CREATORDID", "char", null, "meta.id", "Creator dataset identifier"),
                new Input("REDSHIFT", "char", null, "src.redshift",
                        "Source redshift range lo/hi (needs the optional ivoa.obscore.redshift column)"),
                new Input("SPECRP", "double", null, "spect.resolution", "Minimum spectral resolving power"),
                new Input("SPATRES", "double", "deg", "pos.angResolution", "Worst acceptable spatial resolution"),
                new Input("TIMERES", "double", "s", "time.resolution", "Worst acceptable time resolution"),
                new Input("SNR", "double", null, "stat.snr",
                        "Minimum signal-to-noise ratio (needs the optional ivoa.obscore.snr column)"),
                new Input("FLUXCALIB", "char", null, "meta.code.qual",
                        "Flux calibration: any, absolute, relative, normalized (other than any needs the optional"
                                + " ivoa.obscore.flux_calib column)"),
                new Input("WAVECALIB", "char", null, "meta.code.qual",
                        "Wavelength calibration: any, absolute, relative (other than any needs the optional"
                                + " ivoa.obscore.wave_calib column)"),
                new Input("MTIME", "char", null, "time;meta.dataset",
                        "Interval the dataset was created in (obs_creation_date), ISO 8601"),
                new Input("MAXREC", "int", null, null, "Maximum number of records, default " + limits.maxrecDefault()
                        + ", at most " + limits.maxrecLimit() + "; 0 returns the response metadata only"),
                new Input("TOP", "int", null, null, "Return at most this many records (as MAXREC, at least 1)"),
                new Input("RUNID", "char", null, null, "Identifier echoed in the response"));
    }
}
