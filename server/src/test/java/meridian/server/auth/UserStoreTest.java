package meridian.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password hashes, tokens, group membership and the rate limiter's arithmetic, without a server. */
class UserStoreTest {

    @TempDir
    Path dir;

    @Test
    void passwordsAreSaltedPbkdf2HashesAndVerify() {
        String a = PasswordHasher.hash("secret-1".toCharArray(), 1000);
        String b = PasswordHasher.hash("secret-1".toCharArray(), 1000);
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"));
        assertNotEquals(a, b, "salted");
        assertTrue(PasswordHasher.verify("secret-1".toCharArray(), a));
        assertFalse(PasswordHasher.verify("secret-2".toCharArray(), a));
        assertFalse(PasswordHasher.verify("secret-1".toCharArray(), "plain"));
        assertTrue(PasswordHasher.hash("x".toCharArray()).startsWith("pbkdf2-sha256$600000$"));
    }

    @Test
    void usersGroupsAndTokens() throws Exception {
        UserStore store = new UserStore(dir);
        store.putUser("alice", "wonderland".toCharArray(), List.of("gto", "team-b"));
        String file = Files.readString(dir.resolve("users.yaml"));
        assertFalse(file.contains("wonderland"));
        Identity alice = store.checkPassword("alice", "wonderland".toCharArray()).orElseThrow();
        // with the personal group, which no one can be added to
        assertEquals(Set.of("gto", "team-b", "user:alice"), alice.groups());
        assertThrows(IllegalArgumentException.class,
                () -> store.putUser("mallory", "x".toCharArray(), List.of("user:alice")));
        assertTrue(store.checkPassword("alice", "wonderland".toCharArray()).isPresent(), "cached check");
        assertTrue(store.checkPassword("alice", "Wonderland".toCharArray()).isEmpty());
        assertTrue(store.checkPassword("mallory", "wonderland".toCharArray()).isEmpty());

        UserStore.CreatedToken t = store.createToken("alice");
        assertFalse(Files.readString(dir.resolve("tokens.yaml")).contains(t.secret()));
        // another process (the server) reads the same files
        UserStore server = new UserStore(dir);
        assertEquals("alice", server.checkToken(t.secret()).orElseThrow().user());
        assertTrue(server.checkToken(t.secret() + "x").isEmpty());
        assertTrue(store.revokeToken(t.id()));
        assertTrue(server.checkToken(t.secret()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.createToken("mallory"));
        assertThrows(IllegalArgumentException.class, () -> store.putUser("a b", null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.putUser("eve", null, List.of("x' OR 1=1")));

        store.putUser("alice", "changed-password".toCharArray(), List.of());
        assertTrue(server.checkPassword("alice", "wonderland".toCharArray()).isEmpty(), "a changed password is re-read");
    }

    @Test
    void rateLimiterRefillsAtItsRate() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(60, 2, () -> now[0]);
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));
        assertEquals(1, limiter.take("a"));
        assertEquals(0, limiter.take("b"), "per client");
        now[0] += 1_000_000_000L;
        assertEquals(0, limiter.take("a"));
    }
}
