package meridian.ingest.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units a collection definition may name when a header value is not in the unit of its
 * ObsCore column: lengths (wavelengths), angles, durations and file sizes. Conversion is by a
 * factor to the SI (or base) unit of the same dimension, so only units of one dimension convert.
 * Spellings follow the FITS standard and the VO units recommendation ({@code Angstrom},
 * {@code um}, {@code arcsec}, {@code kbyte}), case-insensitively, with common variants.
 */
public final class Units {

    private record Unit(String dimension, double factor) {
    }

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("m", new Unit("length", 1)),
            Map.entry("cm", new Unit("length", 1e-2)),
            Map.entry("mm", new Unit("length", 1e-3)),
            Map.entry("um", new Unit("length", 1e-6)),
            Map.entry("micron", new Unit("length", 1e-6)),
            Map.entry("nm", new Unit("length", 1e-9)),
            Map.entry("angstrom", new Unit("length", 1e-10)),
            Map.entry("angstroem", new Unit("length", 1e-10)),
            Map.entry("a", new Unit("length", 1e-10)),
            Map.entry("deg", new Unit("angle", 1)),
            Map.entry("arcmin", new Unit("angle", 1.0 / 60)),
            Map.entry("arcsec", new Unit("angle", 1.0 / 3600)),
            Map.entry("mas", new Unit("angle", 1.0 / 3_600_000)),
            Map.entry("rad", new Unit("angle", 180 / Math.PI)),
            Map.entry("s", new Unit("time", 1)),
            Map.entry("min", new Unit("time", 60)),
            Map.entry("h", new Unit("time", 3600)),
            Map.entry("d", new Unit("time", 86400)),
            Map.entry("byte", new Unit("size", 1)),
            Map.entry("kbyte", new Unit("size", 1024)),
            Map.entry("mbyte", new Unit("size", 1024 * 1024)));

    private Units() {
    }

    /** True when {@code unit} is one of the known spellings. */
    public static boolean isKnown(String unit) {
        return unit != null && UNITS.containsKey(normalise(unit));
    }

    /**
     * The factor that turns a value in {@code from} into one in {@code to}, or empty when either
     * unit is unknown or they measure different things.
     */
    public static Optional<Double> factor(String from, String to) {
        Unit f = from == null ? null : UNITS.get(normalise(from));
        Unit t = to == null ? null : UNITS.get(normalise(to));
        if (f == null || t == null || !f.dimension.equals(t.dimension)) {
            return Optional.empty();
        }
        return Optional.of(f.factor / t.factor);
    }

    /** Converts a value, failing with a message naming both units when they do not convert. */
    public static double convert(double value, String from, String to) {
        return value * factor(from, to).orElseThrow(() ->
                new IllegalArgumentException("cannot convert " + from + " to " + to));
    }

    private static String normalise(String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        // FITS headers say 'Angstrom', 'ANGSTROM', '0.1 nm' is not supported: a factor in the unit
        // string is rare enough that an explicit expression is clearer
        return switch (u) {
            case "\u00e5", "\u212b", "aa", "angstroms" -> "angstrom";
            case "microns", "\u00b5m" -> "um";
            case "sec", "second", "seconds" -> "s";
            case "degree", "degrees" -> "deg";
            case "day", "days" -> "d";
            case "kb", "kib" -> "kbyte";
            case "meter", "metre", "meters", "metres" -> "m";
            default -> u;
        };
    }
}
