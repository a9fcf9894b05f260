package meridian.datalink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SODA spatial constraint (DALI circle, range or polygon, ICRS degrees), reduced to what a
 * cutout needs: points along its boundary and its centre, whose pixel positions bound the cut.
 */
public record SkyRegion(String kind, List<double[]> boundary, double[] centre) {

    private static final int SAMPLES = 72;

    /** {@code CIRCLE ra dec r}, {@code RANGE ra1 ra2 dec1 dec2} or {@code POLYGON ra dec ...}. */
    public static SkyRegion parsePos(String pos) {
        String[] words = pos.trim().split("\\s+", 2);
        String shape = words[0].toUpperCase(Locale.ROOT);
        double[] v = words.length > 1 ? numbers("POS", words[1]) : new double[0];
        return switch (shape) {
            case "CIRCLE" -> circle(v);
            case "RANGE" -> range(v);
            case "POLYGON" -> polygon(v);
            default -> throw DatalinkFault.usage("POS must start with CIRCLE, RANGE or POLYGON, got: " + pos);
        };
    }

    /** A circle from {@code ra dec radius}. */
    public static SkyRegion circle(double[] v) {
        if (v.length != 3 || v[2] <= 0 || v[2] > 180 || Math.abs(v[1]) > 90) {
            throw DatalinkFault.usage("a circle is ra dec radius (degrees, radius > 0)");
        }
        List<double[]> b = new ArrayList<>();
        double ra0 = Math.toRadians(v[0]);
        double dec0 = Math.toRadians(v[1]);
        double r = Math.toRadians(v[2]);
        for (int i = 0; i < SAMPLES; i++) {
            double pa = 2 * Math.PI * i / SAMPLES;
            double dec = Math.asin(Math.sin(dec0) * Math.cos(r) + Math.cos(dec0) * Math.sin(r) * Math.cos(pa));
            double ra = ra0 + Math.atan2(Math.sin(pa) * Math.sin(r) * Math.cos(dec0),
                    Math.cos(r) - Math.sin(dec0) * Math.sin(dec));
            b.add(new double[] {Math.toDegrees(ra), Math.toDegrees(dec)});
        }
        return new SkyRegion("CIRCLE", b, new double[] {v[0], v[1]});
    }

    /** A range from {@code ra1 ra2 dec1 dec2} (infinite bounds allowed). */
    public static SkyRegion range(double[] v) {
        if (v.length != 4) {
            throw DatalinkFault.usage("a range is ra1 ra2 dec1 dec2 (degrees)");
        }
        double ra1 = Math.max(v[0], 0);
        double ra2 = Math.min(v[1], 360);
        double d1 = Math.max(v[2], -90);
        double d2 = Math.min(v[3], 90);
        if (ra1 > ra2 || d1 > d2) {
            throw DatalinkFault.usage("a range needs ra1 <= ra2 and dec1 <= dec2");
        }
        List<double[]> b = new ArrayList<>();
        int n = SAMPLES / 4;
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            b.add(new double[] {ra1 + t * (ra2 - ra1), d1});
            b.add(new double[] {ra1 + t * (ra2 - ra1), d2});
            b.add(new double[] {ra1, d1 + t * (d2 - d1)});
            b.add(new double[] {ra2, d1 + t * (d2 - d1)});
        }
        return new SkyRegion("RANGE", b, new double[] {(ra1 + ra2) / 2, (d1 + d2) / 2});
    }

    /** A polygon from {@code ra1 dec1 ra2 dec2 ...}, at least three vertices. */
    public static SkyRegion polygon(double[] v) {
        if (v.length < 6 || v.length % 2 != 0) {
            throw DatalinkFault.usage("a polygon is at least three vertices: ra1 dec1 ra2 dec2 ra3 dec3 ...");
        }
        List<double[]> b = new ArrayList<>();
        int n = v.length / 2;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            double ra1 = v[2 * i];
            double dec1 = v[2 * i + 1];
            double ra2 = v[(2 * i + 2) % v.length];
            double dec2 = v[(2 * i + 3) % v.length];
            if (ra2 - ra1 > 180) {
                ra2 -= 360;
            } else if (ra1 - ra2 > 180) {
                ra2 += 360;
            }
            for (int k = 0; k < 8; k++) {
                double t = k / 8.0;
                b.add(new double[] {ra1 + t * (ra2 - ra1), dec1 + t * (dec2 - dec1)});
            }
            sx += ra1;
            sy += dec1;
        }
        return new SkyRegion("POLYGON", b, new double[] {sx / n, sy / n});
    }

    /** Parses blank-separated numbers, naming the parameter when they are not numbers. */
    static double[] numbers(String param, String text) {
        String[] words = text.trim().split("\\s+");
        double[] v = new double[words.length];
        try {
            for (int i = 0; i < words.length; i++) {
                v[i] = switch (words[i].toLowerCase(Locale.ROOT)) {
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "+inf", "inf" -> Double.POSITIVE_INFINITY;
                    default -> Double.parseDouble(words[i]);
                };
                if (Double.isNaN(v[i])) {
                    throw new NumberFormatException("NaN");
                }
            }
        } catch (NumberFormatException e) {
            throw DatalinkFault.usage(param + " must be numbers separated by blanks, got: " + text);
        }
        return v;
    }
}
