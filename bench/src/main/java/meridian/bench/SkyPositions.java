package meridian.bench;

/**
 * Deterministic pseudo-random values of catalogue row {@code i}, computed from the row number
 * alone (a SplitMix64 hash), so that any row can be regenerated without replaying the sequence:
 * the generator, the cross-match upload and the cone centres agree without sharing state.
 * Positions are uniform on the sphere. Stateless and thread-safe.
 */
public final class SkyPositions {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    public SkyPositions(long seed) {
        this.seed = seed;
    }

    /** A uniform double in [0, 1) for row {@code i}, stream {@code k}. */
    public double uniform(long i, int k) {
        long h = mix(seed ^ mix(i * GOLDEN + k));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Right ascension of row {@code i}, degrees in [0, 360). */
    public double ra(long i) {
        return 360.0 * uniform(i, 0);
    }

    /** Declination of row {@code i}, degrees in [-90, 90], uniform in sin(dec). */
    public double dec(long i) {
        return Math.toDegrees(Math.asin(2.0 * uniform(i, 1) - 1.0));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
