package meridian.server.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import meridian.ingest.Grantees;

/**
 * Users, their groups and their bearer tokens, in two YAML files of {@code <data_dir>/auth/}:
 * {@code users.yaml} (name → PBKDF2 password hash and groups) and {@code tokens.yaml} (id, user,
 * SHA-256 of the token: tokens are 256 random bits, so a fast hash is enough, and a leaked file
 * gives no usable token). The command line writes them ({@code meridian user}, {@code meridian
 * token}); a running server re-reads a file whenever it changes, so a revoked token stops working
 * at once. Secrets are never logged or kept in clear. Thread-safe.
 */
public final class UserStore {

    /** User names: also what job owners and log lines hold. */
    public static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    /** Group names: also what row filters compare as SQL string constants. */
    public static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String TOKEN_PREFIX = "mrd_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CACHE_SECONDS = 300;
    private static final int CACHE_MAX = 10_000;

    private final Path users;
    private final Path tokens;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private volatile Snapshot snapshot = new Snapshot(null, null, new Users(Map.of()), new Tokens(List.of()));
    /** Successful password checks (a hash of user, password and stored hash → expiry): PBKDF2 once per 5 minutes. */
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    /** The user file's content. */
    public record Users(Map<String, User> users) {
        public Users {
            users = users == null ? Map.of() : new TreeMap<>(users);
        }
    }

    /** One user: password hash (may be null: token-only users) and groups. */
    public record User(String password, List<String> groups) {
        public User {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /** The token file's content. */
    public record Tokens(List<Token> tokens) {
        public Tokens {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    /** One token: its public id, owner, SHA-256 (hex) of the secret, creation time. */
    public record Token(String id, String user, String sha256, String created) {
    }

    /** A token just created: {@code secret} is shown once and never stored. */
    public record CreatedToken(String id, String secret) {
    }

    private record Snapshot(FileTime usersTime, FileTime tokensTime, Users users, Tokens tokens) {
    }

    /** @param authDir the directory of users.yaml and tokens.yaml ({@code <data_dir>/auth}) */
    public UserStore(Path authDir) {
        this.users = authDir.resolve("users.yaml");
        this.tokens = authDir.resolve("tokens.yaml");
    }

    /** The identity of a user name and password, or empty when either is wrong. Takes the same time for unknown users. */
    public Optional<Identity> checkPassword(String user, char[] password) {
        User u = current().users().users().get(user);
        if (u == null || u.password() == null) {
            PasswordHasher.verifyNothing(password);
            return Optional.empty();
        }
        String key = cacheKey(user, password, u.password());
        Instant until = verified.get(key);
        Instant now = Instant.now();
        if (until == null || until.isBefore(now)) {
            if (!PasswordHasher.verify(password, u.password())) {
                return Optional.empty();
            }
            if (verified.size() > CACHE_MAX) {
                verified.clear();
            }
            verified.put(key, now.plusSeconds(CACHE_SECONDS));
        }
        return Optional.of(identity(user, u));
    }

    /** The identity a bearer token stands for, or empty when it is unknown or revoked. */
    public Optional<Identity> checkToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = HexFormat.of().parseHex(sha256Hex(token));
        Snapshot s = current();
        for (Token t : s.tokens().tokens()) {
            if (t.sha256() != null && t.sha256().length() == 64
                    && MessageDigest.isEqual(HexFormat.of().parseHex(t.sha256()), hash)) {
                User u = s.users().users().get(t.user());
                return u == null ? Optional.empty() : Optional.of(identity(t.user(), u));
            }
        }
        return Optional.empty();
    }

    /** The current groups of a user (for jobs run later than their request), empty for unknown users. */
    public Identity identity(String user) {
        if (user == null) {
            return Identity.ANONYMOUS;
        }
        User u = current().users().users().get(user);
        return u == null ? new Identity(user, Set.of(Grantees.personal(user))) : identity(user, u);
    }

    /** The user's groups and its personal group ({@link Grantees#personal}). */
    private static Identity identity(String name, User u) {
        Set<String> groups = new LinkedHashSet<>(u.groups());
        groups.add(Grantees.personal(name));
        return new Identity(name, groups);
    }

    // ------------------------------------------------------------------ management (CLI)

    /** Adds or replaces a user. */
    public synchronized void putUser(String name, char[] password, List<String> groups) {
        requireName(name);
        groups.forEach(g -> {
            if (!GROUP_NAME.matcher(g).matches()) {
                throw new IllegalArgumentException("'" + g + "' is not a group name (letters, digits, _ . -)");
            }
        });
        Map<String, User> all = new TreeMap<>(current().users().users());
        all.put(name, new User(password == null ? null : PasswordHasher.hash(password), groups));
        write(users, new Users(all));
    }

    /** Removes a user and revokes its tokens; false when there was none. */
    public synchronized boolean removeUser(String name) {
        Map<String, User> all = new TreeMap<>(current().users().users());
        if (all.remove(name) == null) {
            return false;
        }
        write(users, new Users(all));
        List<Token> kept = current().tokens().tokens().stream().filter(t -> !name.equals(t.user())).toList();
        write(tokens, new Tokens(kept));
        return true;
    }

    /** The users (name → groups), for listing. */
    public Map<String, List<String>> users() {
        Map<String, List<String>> out = new TreeMap<>();
        current().users().users().forEach((n, u) -> out.put(n, u.groups()));
        return out;
    }

    /** Issues a new token for an existing user. */
    public synchronized CreatedToken createToken(String user) {
        if (!current().users().users().containsKey(user)) {
            throw new IllegalArgumentException("no user " + user + " (add it first: meridian user add " + user + ")");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        String tokenId = HexFormat.of().formatHex(id);
        List<Token> all = new ArrayList<>(current().tokens().tokens());
        all.add(new Token(tokenId, user, sha256Hex(token), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        write(tokens, new Tokens(all));
        return new CreatedToken(tokenId, token);
    }

    /** Revokes a token given by its id or its secret; false when none matched. */
    public synchronized boolean revokeToken(String idOrSecret) {
        String hash = sha256Hex(idOrSecret);
        List<Token> all = new ArrayList<>(current().tokens().tokens());
        boolean removed = all.removeIf(t -> t.id().equals(idOrSecret) || t.sha256().equals(hash));
        if (removed) {
            write(tokens, new Tokens(all));
        }
        return removed;
    }

    /** The tokens (without their hashes), for listing. */
    public List<Token> tokens() {
        return current().tokens().tokens().stream().map(t -> new Token(t.id(), t.user(), null, t.created())).toList();
    }

    private static void requireName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a user name (letters, digits, _ . @ -)");
        }
    }

    // ------------------------------------------------------------------ files

    /** The files' content, re-read when either changed on disk. */
    private Snapshot current() {
        Snapshot s = snapshot;
        FileTime ut = mtime(users);
        FileTime tt = mtime(tokens);
        if (java.util.Objects.equals(ut, s.usersTime()) && java.util.Objects.equals(tt, s.tokensTime())) {
            return s;
        }
        synchronized (this) {
            Users u = ut == null ? new Users(Map.of()) : read(users, Users.class, new Users(Map.of()));
            Tokens t = tt == null ? new Tokens(List.of()) : read(tokens, Tokens.class, new Tokens(List.of()));
            snapshot = new Snapshot(ut, tt, u, t);
            verified.clear();
            return snapshot;
        }
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return null;
        }
    }

    private <T> T read(Path file, Class<T> type, T empty) {
        try {
            T v = yaml.readValue(file.toFile(), type);
            return v == null ? empty : v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Path file, Object content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            String header = "# Written by 'meridian user' and 'meridian token': secrets are stored only as hashes.\n";
            Files.writeString(tmp, header + yaml.writeValueAsString(content), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's permissions apply
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // the modification time may not change within the file system's resolution: forget the snapshot
            snapshot = new Snapshot(null, null, snapshot.users(), snapshot.tokens());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** SHA-256 of user, password and stored hash, without the password ever becoming a String. */
    private static String cacheKey(String user, char[] password, String stored) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((user + '\0' + stored + '\0').getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            d.update(b);
            java.util.Arrays.fill(b, (byte) 0);
            if (bytes.hasArray()) {
                java.util.Arrays.fill(bytes.array(), (byte) 0);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
