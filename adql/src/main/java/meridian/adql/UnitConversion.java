package meridian.adql;

import java.util.Map;

/**
 * The unit conversions {@code IN_UNIT} supports: scale factors between VOUnit spellings of the
 * same quantity (angles, lengths and wavelengths, times, frequencies, file sizes). Units are
 * matched exactly as VOUnit writes them (case matters: {@code mm} is not {@code Mm}).
 */
final class UnitConversion {

    /** unit → (quantity, value in the quantity's base unit). */
    private record Scale(String quantity, double base) {
    }

    private static final Map<String, Scale> UNITS = Map.ofEntries(
            Map.entry("deg", new Scale("angle", 1)),
            Map.entry("arcmin", new Scale("angle", 1 / 60.0)),
            Map.entry("arcsec", new Scale("angle", 1 / 3600.0)),
            Map.entry("mas", new Scale("angle", 1 / 3600e3)),
            Map.entry("uas", new Scale("angle", 1 / 3600e6)),
            Map.entry("rad", new Scale("angle", 180 / Math.PI)),
            Map.entry("mrad", new Scale("angle", 0.18 / Math.PI)),
            Map.entry("m", new Scale("length", 1)),
            Map.entry("km", new Scale("length", 1e3)),
            Map.entry("cm", new Scale("length", 1e-2)),
            Map.entry("mm", new Scale("length", 1e-3)),
            Map.entry("um", new Scale("length", 1e-6)),
            Map.entry("nm", new Scale("length", 1e-9)),
            Map.entry("Angstrom", new Scale("length", 1e-10)),
            Map.entry("AU", new Scale("length", 1.495978707e11)),
            Map.entry("pc", new Scale("length", 3.0856775814913673e16)),
            Map.entry("kpc", new Scale("length", 3.0856775814913673e19)),
            Map.entry("Mpc", new Scale("length", 3.0856775814913673e22)),
            Map.entry("s", new Scale("time", 1)),
            Map.entry("ms", new Scale("time", 1e-3)),
            Map.entry("us", new Scale("time", 1e-6)),
            Map.entry("ns", new Scale("time", 1e-9)),
            Map.entry("min", new Scale("time", 60)),
            Map.entry("h", new Scale("time", 3600)),
            Map.entry("d", new Scale("time", 86400)),
            Map.entry("a", new Scale("time", 365.25 * 86400)),
            Map.entry("yr", new Scale("time", 365.25 * 86400)),
            Map.entry("Hz", new Scale("frequency", 1)),
            Map.entry("kHz", new Scale("frequency", 1e3)),
            Map.entry("MHz", new Scale("frequency", 1e6)),
            Map.entry("GHz", new Scale("frequency", 1e9)),
            Map.entry("byte", new Scale("size", 1)),
            Map.entry("kbyte", new Scale("size", 1e3)),
            Map.entry("Mbyte", new Scale("size", 1e6)),
            Map.entry("Gbyte", new Scale("size", 1e9)));

    private UnitConversion() {
    }

    /** The factor turning a value in {@code from} into {@code to}, or NaN when there is none. */
    static double factor(String from, String to) {
        Scale f = UNITS.get(from.trim());
        Scale t = UNITS.get(to.trim());
        if (f == null || t == null || !f.quantity().equals(t.quantity())) {
            return Double.NaN;
        }
        return f.base() / t.base();
    }
}
