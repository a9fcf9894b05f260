package meridian.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CatalogueTablesTest {

    @Test
    void sizesAndNames() {
        assertEquals(100_000, CatalogueTables.parseSize("1e5"));
        assertEquals(1_000_000, CatalogueTables.parseSize("1_000_000"));
        assertEquals("cat_1e7", CatalogueTables.tableName(10_000_000));
        assertEquals("cat_1500", CatalogueTables.tableName(1500));
        assertThrows(IllegalArgumentException.class, () -> CatalogueTables.parseSize("1.5e-3"));
        assertThrows(IllegalArgumentException.class, () -> CatalogueTables.parseSize("many"));
    }

    @Test
    void positionsAreDeterministicAndOnTheSphere() {
        SkyPositions a = new SkyPositions(CatalogueGenerator.SEED);
        SkyPositions b = new SkyPositions(CatalogueGenerator.SEED);
        double north = 0;
        for (long i = 0; i < 10_000; i++) {
            assertEquals(a.ra(i), b.ra(i));
            assertTrue(a.ra(i) >= 0 && a.ra(i) < 360);
            assertTrue(a.dec(i) >= -90 && a.dec(i) <= 90);
            north += a.dec(i) > 30 ? 1 : 0;
        }
        // uniform on the sphere: a quarter of the sky lies north of +30 degrees
        assertEquals(0.25, north / 10_000, 0.02);
    }
}
