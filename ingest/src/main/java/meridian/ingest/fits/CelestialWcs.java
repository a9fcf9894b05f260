package meridian.ingest.fits;

import java.util.Locale;

/**
 * The celestial part of a FITS WCS with the gnomonic (TAN) projection, axes 1 and 2 being
 * RA---TAN and DEC--TAN: the linear transformation from a CD matrix, or PC + CDELT, or CDELT +
 * CROTA2, then the TAN deprojection of Calabretta &amp; Greisen (2002). Immutable.
 */
public final class CelestialWcs {

    private final double crval1;
    private final double crval2;
    private final double crpix1;
    private final double crpix2;
    private final double cd11;
    private final double cd12;
    private final double cd21;
    private final double cd22;

    private CelestialWcs(double crval1, double crval2, double crpix1, double crpix2,
                         double cd11, double cd12, double cd21, double cd22) {
        this.crval1 = crval1;
        this.crval2 = crval2;
        this.crpix1 = crpix1;
        this.crpix2 = crpix2;
        this.cd11 = cd11;
        this.cd12 = cd12;
        this.cd21 = cd21;
        this.cd22 = cd22;
    }

    /** Reads the WCS of axes 1 and 2 of {@code h}; {@code hdu} is for messages. */
    public static CelestialWcs read(HeaderView h, int hdu) throws LoadException {
        String t1 = h.string("CTYPE1");
        String t2 = h.string("CTYPE2");
        if (t1 == null) {
            throw LoadException.missingKeyword("CTYPE1", hdu);
        }
        if (t2 == null) {
            throw LoadException.missingKeyword("CTYPE2", hdu);
        }
        t1 = t1.toUpperCase(Locale.ROOT);
        t2 = t2.toUpperCase(Locale.ROOT);
        if (!t1.startsWith("RA--") || !t2.startsWith("DEC-")) {
            throw new LoadException("axes 1 and 2 of HDU " + hdu + " are not RA/DEC (CTYPE1='" + t1 + "', CTYPE2='"
                    + t2 + "')");
        }
        if (!t1.endsWith("-TAN") || !t2.endsWith("-TAN")) {
            throw new LoadException("projection of HDU " + hdu + " is not TAN (CTYPE1='" + t1 + "')");
        }
        String frame = h.string("RADESYS");
        if (frame != null && !frame.toUpperCase(Locale.ROOT).matches("ICRS|FK5")) {
            throw new LoadException("RADESYS '" + frame + "' in HDU " + hdu + " is not ICRS or FK5");
        }
        double crval1 = h.required("CRVAL1", hdu);
        double crval2 = h.required("CRVAL2", hdu);
        double crpix1 = h.required("CRPIX1", hdu);
        double crpix2 = h.required("CRPIX2", hdu);
        double cd11;
        double cd12;
        double cd21;
        double cd22;
        if (h.has("CD1_1") || h.has("CD2_2")) {
            cd11 = orZero(h, "CD1_1");
            cd12 = orZero(h, "CD1_2");
            cd21 = orZero(h, "CD2_1");
            cd22 = orZero(h, "CD2_2");
        } else {
            double cdelt1 = h.required("CDELT1", hdu);
            double cdelt2 = h.required("CDELT2", hdu);
            if (h.has("PC1_1") || h.has("PC2_2") || h.has("PC1_2") || h.has("PC2_1")) {
                double pc11 = h.has("PC1_1") ? h.number("PC1_1") : 1;
                double pc22 = h.has("PC2_2") ? h.number("PC2_2") : 1;
                cd11 = cdelt1 * pc11;
                cd12 = cdelt1 * orZero(h, "PC1_2");
                cd21 = cdelt2 * orZero(h, "PC2_1");
                cd22 = cdelt2 * pc22;
            } else {
                double rot = Math.toRadians(h.has("CROTA2") ? h.number("CROTA2") : 0);
                cd11 = cdelt1 * Math.cos(rot);
                cd12 = -cdelt2 * Math.sin(rot);
                cd21 = cdelt1 * Math.sin(rot);
                cd22 = cdelt2 * Math.cos(rot);
            }
        }
        if (cd11 * cd22 - cd12 * cd21 == 0) {
            throw new LoadException("the WCS matrix of HDU " + hdu + " is singular");
        }
        return new CelestialWcs(crval1, crval2, crpix1, crpix2, cd11, cd12, cd21, cd22);
    }

    private static double orZero(HeaderView h, String k) {
        Double d = h.number(k);
        return d == null ? 0 : d;
    }

    /** RA, Dec in degrees of the (1-based, FITS) pixel position x, y. */
    public double[] toSky(double x, double y) {
        double dx = x - crpix1;
        double dy = y - crpix2;
        double xi = Math.toRadians(cd11 * dx + cd12 * dy);
        double eta = Math.toRadians(cd21 * dx + cd22 * dy);
        double a0 = Math.toRadians(crval1);
        double d0 = Math.toRadians(crval2);
        double den = Math.cos(d0) - eta * Math.sin(d0);
        double ra = a0 + Math.atan2(xi, den);
        double dec = Math.atan2(Math.sin(d0) + eta * Math.cos(d0), Math.hypot(xi, den));
        double raDeg = Math.toDegrees(ra) % 360;
        if (raDeg < 0) {
            raDeg += 360;
        }
        return new double[] {raDeg, Math.toDegrees(dec)};
    }

    /** Pixel scale in arcsec: the square root of the pixel's area. */
    public double pixelScaleArcsec() {
        return Math.sqrt(Math.abs(cd11 * cd22 - cd12 * cd21)) * 3600;
    }

    /** Angular distance in degrees between two positions (haversine, stable at small angles). */
    public static double distance(double ra1, double dec1, double ra2, double dec2) {
        double p1 = Math.toRadians(dec1);
        double p2 = Math.toRadians(dec2);
        double dp = p2 - p1;
        double dl = Math.toRadians(ra2 - ra1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(a))));
    }

    /**
     * The spatial ObsCore values of an {@code n1} x {@code n2} pixel image: centre, s_fov (the
     * diameter of the circle around the centre through the farthest corner), s_region (the
     * polygon of the four outer pixel corners, counter-clockwise as seen on the sky, i.e. with
     * east to the left), pixel scale.
     */
    public Footprint footprint(long n1, long n2) {
        double[] c = toSky((n1 + 1) / 2.0, (n2 + 1) / 2.0);
        double[][] corners = {
            toSky(0.5, 0.5), toSky(n1 + 0.5, 0.5), toSky(n1 + 0.5, n2 + 0.5), toSky(0.5, n2 + 0.5)};
        double r = 0;
        for (double[] k : corners) {
            r = Math.max(r, distance(c[0], c[1], k[0], k[1]));
        }
        // orientation in the tangent plane: with east (increasing RA) to the left, counter-clockwise
        // means a negative signed area in (xi, eta) with xi increasing eastwards
        double area = 0;
        for (int i = 0; i < 4; i++) {
            double[] p = corners[i];
            double[] q = corners[(i + 1) % 4];
            double x1 = wrap(p[0] - c[0]) * Math.cos(Math.toRadians(p[1]));
            double x2 = wrap(q[0] - c[0]) * Math.cos(Math.toRadians(q[1]));
            area += x1 * q[1] - x2 * p[1];
        }
        if (area > 0) {
            double[] t = corners[1];
            corners[1] = corners[3];
            corners[3] = t;
        }
        StringBuilder sb = new StringBuilder("Polygon ICRS");
        for (double[] k : corners) {
            sb.append(' ').append(fmt(k[0])).append(' ').append(fmt(k[1]));
        }
        return new Footprint(c[0], c[1], 2 * r, sb.toString(), pixelScaleArcsec());
    }

    private static double wrap(double dra) {
        if (dra > 180) {
            return dra - 360;
        }
        if (dra < -180) {
            return dra + 360;
        }
        return dra;
    }

    /** Degrees with enough digits for milli-arcsecond positions, without exponent notation. */
    public static String fmt(double deg) {
        return new java.math.BigDecimal(deg).setScale(8, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    /**
     * What an image's WCS gives ObsCore.
     *
     * @param ra              s_ra, degrees
     * @param dec             s_dec, degrees
     * @param fovDeg          s_fov, degrees
     * @param region          s_region, STC-S polygon
     * @param pixelScaleArcsec s_pixel_scale, arcsec
     */
    public record Footprint(double ra, double dec, double fovDeg, String region, double pixelScaleArcsec) {
    }
}
