package meridian.ssa;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Named spectral bands an SSA BAND value may give instead of numbers: the IVOA waveband names
 * (VODataService {@code waveband}: Radio ... Gamma-ray) and the common broad-band filters
 * (Johnson-Cousins UBVRI, 2MASS JHK), as vacuum wavelength ranges in metres. Names are
 * case-insensitive.
 */
public final class Bands {

    private static final Map<String, Range> NAMED = Map.ofEntries(
            Map.entry("radio", new Range(1e-2, null)),
            Map.entry("millimeter", new Range(1e-4, 1e-2)),
            Map.entry("infrared", new Range(1e-6, 1e-4)),
            Map.entry("optical", new Range(3e-7, 1e-6)),
            Map.entry("uv", new Range(1e-7, 3e-7)),
            Map.entry("euv", new Range(1e-8, 1e-7)),
            Map.entry("x-ray", new Range(1e-11, 1e-8)),
            Map.entry("gamma-ray", new Range(null, 1e-11)),
            Map.entry("u", new Range(3.2e-7, 4.0e-7)),
            Map.entry("b", new Range(3.9e-7, 4.9e-7)),
            Map.entry("v", new Range(5.0e-7, 6.0e-7)),
            Map.entry("r", new Range(5.6e-7, 7.2e-7)),
            Map.entry("i", new Range(7.0e-7, 9.0e-7)),
            Map.entry("j", new Range(1.1e-6, 1.4e-6)),
            Map.entry("h", new Range(1.5e-6, 1.8e-6)),
            Map.entry("k", new Range(2.0e-6, 2.4e-6)));

    private Bands() {
    }

    /** The wavelength range of a band name, if it is one. */
    public static Optional<Range> named(String name) {
        return Optional.ofNullable(NAMED.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The accepted names, for the service description. */
    public static String names() {
        return "Radio, Millimeter, Infrared, Optical, UV, EUV, X-ray, Gamma-ray, U, B, V, R, I, J, H, K";
    }
}
