package meridian.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueRightsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @Test
    void storedFormReadsBack() {
        CatalogueRights r = new CatalogueRights(List.of("gto-2026", "pi.smith"), LocalDate.of(2027, 1, 1));
        assertEquals(r, CatalogueRights.decode(r.encode()));
        CatalogueRights never = new CatalogueRights(List.of("gto-2026"), null);
        assertEquals(never, CatalogueRights.decode(never.encode()));
        assertNull(CatalogueRights.PUBLIC.encode());
        assertEquals(CatalogueRights.PUBLIC, CatalogueRights.decode(null));
    }

    @Test
    void releaseAndGroups() {
        CatalogueRights r = new CatalogueRights(List.of("gto-2026"), LocalDate.of(2027, 1, 1));
        assertFalse(r.readable(Set.of(), TODAY));
        assertFalse(r.readable(Set.of("other"), TODAY));
        assertTrue(r.readable(Set.of("gto-2026"), TODAY));
        assertTrue(r.readable(Set.of(), LocalDate.of(2027, 1, 1)));
        assertFalse(new CatalogueRights(List.of("gto-2026"), null).readable(Set.of(), LocalDate.of(2999, 1, 1)));
        assertTrue(CatalogueRights.PUBLIC.readable(Set.of(), TODAY));
    }

    @Test
    void damagedRecordsStayClosed() {
        assertFalse(CatalogueRights.decode("groups=a;release=not-a-date").readable(Set.of(), TODAY));
        assertFalse(CatalogueRights.decode("groups=;release=").readable(Set.of(), TODAY));
        assertFalse(CatalogueRights.decode("garbage").readable(Set.of(), TODAY));
    }
}
