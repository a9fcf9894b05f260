package meridian.sql.geom;

/**
 * HEALPix in the NESTED scheme (Górski et al. 2005, ApJ 622, 759; the algorithms of the
 * reference library's {@code healpix_base}): the pixel of a position and the centre of a pixel,
 * orders 0 to 29. The ADQL functions {@code ivo_healpix_index} and {@code ivo_healpix_center}
 * run these on Derby; on PostgreSQL pgSphere's {@code healpix_nest} and
 * {@code center_of_healpix_nest} give the same numbers. Stateless and thread-safe.
 */
public final class Healpix {

    /** The deepest order whose pixel numbers fit a Java long (and pgSphere's bigint). */
    public static final int MAX_ORDER = 29;

    private static final double HALF_PI = Math.PI / 2;
    private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
    private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};

    private Healpix() {
    }

    /**
     * The NESTED pixel holding a position.
     *
     * @param order HEALPix order (nside = 2^order), 0..{@value #MAX_ORDER}
     * @param ra    right ascension, degrees (any value: taken modulo 360)
     * @param dec   declination, degrees, -90..90
     * @throws IllegalArgumentException for an order or declination out of range
     */
    public static long nestIndex(int order, double ra, double dec) {
        checkOrder(order);
        if (!(dec >= -90 && dec <= 90) || !Double.isFinite(ra)) {
            throw new IllegalArgumentException("HEALPix: position (" + ra + ", " + dec + ") is not on the sky");
        }
        long nside = 1L << order;
        double z = Math.sin(Math.toRadians(dec));
        double za = Math.abs(z);
        double phi = Math.toRadians(((ra % 360) + 360) % 360);
        double tt = Math.min(phi / HALF_PI, 4 - 1e-15); // [0, 4)
        int face;
        long ix;
        long iy;
        if (za <= 2.0 / 3) {
            double temp1 = nside * (0.5 + tt);
            double temp2 = nside * z * 0.75;
            long jp = (long) (temp1 - temp2);
            long jm = (long) (temp1 + temp2);
            long ifp = jp >> order;
            long ifm = jm >> order;
            face = (int) (ifp == ifm ? (ifp | 4) : (ifp < ifm ? ifp : ifm + 8));
            ix = jm & (nside - 1);
            iy = nside - (jp & (nside - 1)) - 1;
        } else {
            int ntt = Math.min(3, (int) tt);
            double tp = tt - ntt;
            double tmp = nside * Math.sqrt(3 * (1 - za));
            long jp = Math.min((long) (tp * tmp), nside - 1);
            long jm = Math.min((long) ((1.0 - tp) * tmp), nside - 1);
            if (z >= 0) {
                face = ntt;
                ix = nside - jm - 1;
                iy = nside - jp - 1;
            } else {
                face = ntt + 8;
                ix = jp;
                iy = jm;
            }
        }
        return ((long) face << (2 * order)) + spread(ix) + (spread(iy) << 1);
    }

    /**
     * The centre of a NESTED pixel.
     *
     * @return {ra, dec} in degrees, ra in [0, 360)
     * @throws IllegalArgumentException for an order or pixel number out of range
     */
    public static double[] nestCentre(int order, long pixel) {
        checkOrder(order);
        long nside = 1L << order;
        long npface = nside * nside;
        if (pixel < 0 || pixel >= 12 * npface) {
            throw new IllegalArgumentException("HEALPix: order " + order + " has no pixel " + pixel
                    + " (0.." + (12 * npface - 1) + ")");
        }
        int face = (int) (pixel >> (2 * order));
        long p = pixel & (npface - 1);
        long ix = compress(p);
        long iy = compress(p >> 1);
        long nl4 = 4 * nside;
        long jr = JRLL[face] * nside - ix - iy - 1;
        double fact2 = 4.0 / (12.0 * npface);
        long nr;
        double z;
        long kshift;
        if (jr < nside) {
            nr = jr;
            z = 1 - nr * (double) nr * fact2;
            kshift = 0;
        } else if (jr > 3 * nside) {
            nr = nl4 - jr;
            z = nr * (double) nr * fact2 - 1;
            kshift = 0;
        } else {
            nr = nside;
            z = (2 * nside - jr) * (2 * nside * fact2);
            kshift = (jr - nside) & 1;
        }
        long jp = (JPLL[face] * nr + ix - iy + 1 + kshift) / 2;
        if (jp > nl4) {
            jp -= nl4;
        }
        if (jp < 1) {
            jp += nl4;
        }
        double phi = (jp - (kshift + 1) * 0.5) * (HALF_PI / nr);
        double ra = Math.toDegrees(phi);
        return new double[] {ra >= 360 ? ra - 360 : ra, Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, z))))};
    }

    private static void checkOrder(int order) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("HEALPix order " + order + " is out of range (0.." + MAX_ORDER + ")");
        }
    }

    /** Bit i of v to bit 2i. */
    private static long spread(long v) {
        long out = 0;
        for (int i = 0; i < 32; i++) {
            out |= ((v >> i) & 1L) << (2 * i);
        }
        return out;
    }

    /** Bit 2i of v to bit i. */
    private static long compress(long v) {
        long out = 0;
        for (int i = 0; i < 32; i++) {
            out |= ((v >> (2 * i)) & 1L) << i;
        }
        return out;
    }
}
