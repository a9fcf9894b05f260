package meridian.datalink;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A SODA 1.0 sync request: the product, at most one spatial constraint (POS, CIRCLE or
 * POLYGON), BAND and TIME intervals, POL states and the response format. Several cutouts in
 * one sync request (repeated POS...) are refused with MultiValuedParamNotSupported.
 *
 * @param id             the product's obs_publisher_did
 * @param region         spatial constraint, or null
 * @param band           {lower, upper} vacuum wavelength in metres, or null
 * @param bandRest       {lower, upper} vacuum wavelength in metres in the source's rest frame
 *                       (custom BANDREST, the counterpart of SSA's), or null
 * @param time           {lower, upper} MJD, or null
 * @param pol            polarization states asked for (empty: all)
 * @param responseFormat MIME type asked for, or null for the default
 */
public record SodaParameters(String id, SkyRegion region, double[] band, double[] bandRest, double[] time,
                             List<String> pol, String responseFormat) {

    /** @param values every value of a parameter by (upper-case) name, empty when absent */
    public static SodaParameters parse(Function<String, List<String>> values) {
        String id = one(values, "ID");
        if (id == null || id.isBlank()) {
            throw DatalinkFault.usage("missing parameter ID (the product's obs_publisher_did)");
        }
        SkyRegion region = null;
        int spatial = 0;
        String pos = one(values, "POS");
        if (pos != null) {
            region = SkyRegion.parsePos(pos);
            spatial++;
        }
        String circle = one(values, "CIRCLE");
        if (circle != null) {
            region = SkyRegion.circle(SkyRegion.numbers("CIRCLE", circle));
            spatial++;
        }
        String polygon = one(values, "POLYGON");
        if (polygon != null) {
            region = SkyRegion.polygon(SkyRegion.numbers("POLYGON", polygon));
            spatial++;
        }
        if (spatial > 1) {
            throw new DatalinkFault(DatalinkFault.Type.MULTI_VALUED,
                    "give one of POS, CIRCLE and POLYGON: this service makes one cutout per request");
        }
        String format = one(values, "RESPONSEFORMAT");
        double[] band = interval(values, "BAND");
        double[] bandRest = interval(values, "BANDREST");
        if (band != null && bandRest != null) {
            throw DatalinkFault.usage("give BAND (observed) or BANDREST (rest frame), not both");
        }
        return new SodaParameters(id, region, band, bandRest, interval(values, "TIME"),
                values.apply("POL").stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList(),
                format == null || format.isBlank() ? null : format.trim());
    }

    /** True when nothing but the ID (and a format) is asked: the whole product. */
    public boolean wholeProduct() {
        return region == null && band == null && bandRest == null && time == null && pol.isEmpty();
    }

    /**
     * These parameters with BANDREST turned into the observed BAND of a source at redshift
     * {@code z} (wavelengths times 1 + z); unchanged without BANDREST.
     *
     * @throws DatalinkFault (usage) when BANDREST is given and the redshift is unknown
     */
    public SodaParameters inObservedFrame(Double z) {
        if (bandRest == null) {
            return this;
        }
        if (z == null) {
            throw DatalinkFault.usage("BANDREST needs the source's redshift, which is not known for " + id
                    + "; use BAND");
        }
        double f = 1 + z;
        return new SodaParameters(id, region, new double[] {bandRest[0] * f, bandRest[1] * f}, null, time, pol,
                responseFormat);
    }

    private static double[] interval(Function<String, List<String>> values, String name) {
        String s = one(values, name);
        if (s == null) {
            return null;
        }
        double[] v = SkyRegion.numbers(name, s);
        if (v.length != 2 || v[0] > v[1]) {
            throw DatalinkFault.usage(name + " is an interval: lower upper, with lower <= upper");
        }
        return v;
    }

    private static String one(Function<String, List<String>> values, String name) {
        List<String> v = values.apply(name);
        if (v.isEmpty()) {
            return null;
        }
        if (v.stream().distinct().count() > 1) {
            throw new DatalinkFault(DatalinkFault.Type.MULTI_VALUED, name
                    + " was given " + v.size() + " times: this service makes one cutout per request");
        }
        return v.get(0);
    }
}
