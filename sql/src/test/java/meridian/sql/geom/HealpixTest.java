package meridian.sql.geom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NESTED HEALPix against the scheme's published geometry (Górski et al. 2005, ApJ 622, 759,
 * fig. 3 and section 4): the twelve base pixels, pixel centres on the rings z = 2/3 and 1/3, and
 * the nesting of children inside their parent at every order.
 */
class HealpixTest {

    @ParameterizedTest
    @CsvSource({"45,41.8,0", "135,41.8,1", "225,41.8,2", "315,41.8,3", "0,0,4", "90,0,5", "180,0,6", "270,0,7",
        "45,-41.8,8", "135,-41.8,9", "225,-41.8,10", "315,-41.8,11", "0,90,0", "0,-90,8", "-45.5,0.1,7"})
    void basePixels(double ra, double dec, long pixel) {
        assertEquals(pixel, Healpix.nestIndex(0, ra, dec));
    }

    @Test
    void centresLieOnTheRingsOfThePaper() {
        // base pixel centres: z = 2/3 in the north, 0 on the equator, -2/3 in the south
        for (int face = 0; face < 12; face++) {
            double[] c = Healpix.nestCentre(0, face);
            double z = Math.sin(Math.toRadians(c[1]));
            assertEquals(face < 4 ? 2.0 / 3 : face < 8 ? 0 : -2.0 / 3, z, 1e-12, "face " + face);
            assertEquals(face < 4 || face >= 8 ? 45 + 90 * (face % 4) : 90 * (face % 4), c[0], 1e-12, "face " + face);
        }
        // order 1, pixel 0: the southern child of face 0, on the ring z = 1/3
        assertEquals(1.0 / 3, Math.sin(Math.toRadians(Healpix.nestCentre(1, 0)[1])), 1e-12);
    }

    @Test
    void childrenNestInTheirParentAndCentresRoundTrip() {
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int order = r.nextInt(Healpix.MAX_ORDER + 1);
            long pixel = (long) (r.nextDouble() * (12L << (2 * order)));
            double[] c = Healpix.nestCentre(order, pixel);
            assertEquals(pixel, Healpix.nestIndex(order, c[0], c[1]), order + "/" + pixel);
            if (order > 0) {
                assertEquals(pixel >> 2, Healpix.nestIndex(order - 1, c[0], c[1]), "parent of " + order + "/" + pixel);
            }
        }
    }

    @Test
    void outOfRangeArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Healpix.nestIndex(30, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Healpix.nestIndex(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Healpix.nestIndex(3, 0, 91));
        assertThrows(IllegalArgumentException.class, () -> Healpix.nestCentre(1, 48));
        assertThrows(IllegalArgumentException.class, () -> Healpix.nestCentre(0, -1));
    }
}
