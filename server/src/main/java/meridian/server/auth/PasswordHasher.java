package meridian.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as PBKDF2-HMAC-SHA256 from the JDK ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>},
 * salt and hash base64): no extra dependency, FIPS-approved, and at 600,000 iterations (OWASP's
 * 2023 figure) slow enough against offline guessing. Verification compares in constant time.
 * Thread-safe.
 */
public final class PasswordHasher {

    /** Iterations of new hashes; stored hashes keep their own count. */
    public static final int ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when the user does not exist, so unknown users take as long as wrong passwords. */
    private static final String DUMMY = hash("not a password".toCharArray(), 1);

    private PasswordHasher() {
    }

    /** A new salted hash of {@code password}. */
    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + '$' + iterations + '$' + b64.encodeToString(salt) + '$'
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} matches {@code stored}; false for malformed hashes too. */
    public static boolean verify(char[] password, String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !p[0].equals(PREFIX)) {
            verifyNothing(password);
            return false;
        }
        try {
            int iterations = Integer.parseInt(p[1]);
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of a verification without a stored hash (unknown users). */
    static void verifyNothing(char[] password) {
        String[] p = DUMMY.split("\\$");
        derive(password, Base64.getDecoder().decode(p[2]), ITERATIONS);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
