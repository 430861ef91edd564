package dsmart.web;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as {@code pbkdf2$<iterations>$<saltB64>$<hashB64>}: PBKDF2WithHmacSHA256 from the JDK,
 * a 16-byte random salt, a 32-byte derived key, standard Base64. {@link #matches} reads the iteration count
 * from the hash, so old hashes keep working when {@link #ITERATIONS} is raised.
 */
public final class Passwords {
    /** Iterations for new hashes (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
    public static final int ITERATIONS = 600_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final int MIN_ITERATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final Pattern FORMAT =
            Pattern.compile("pbkdf2\\$([0-9]{1,9})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    /** A new salted hash of the password. The caller may clear the array afterwards. */
    public static String hash(char[] password) {
        requireNonNull(password, "password");
        if (password.length == 0) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = derive(password, salt, ITERATIONS, KEY_BITS);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** Whether the password is the one the hash was made from; compares in constant time. */
    public static boolean matches(char[] password, String hash) {
        requireNonNull(password, "password");
        requireNonNull(hash, "hash");
        Parsed parsed = parse(hash);
        if (parsed == null) {
            throw new IllegalArgumentException("not a password hash of the form pbkdf2$<iterations>$<saltB64>$<hashB64>");
        }
        if (password.length == 0) {
            return false; // hash() never accepts an empty password
        }
        byte[] actual = derive(password, parsed.salt, parsed.iterations, parsed.key.length * 8);
        return MessageDigest.isEqual(actual, parsed.key);
    }

    static boolean isWellFormed(String hash) {
        return hash != null && parse(hash) != null;
    }

    private record Parsed(int iterations, byte[] salt, byte[] key) {}

    private static Parsed parse(String hash) {
        var matcher = FORMAT.matcher(hash);
        if (!matcher.matches()) {
            return null;
        }
        int iterations = Integer.parseInt(matcher.group(1));
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            return null;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(matcher.group(2));
            byte[] key = Base64.getDecoder().decode(matcher.group(3));
            if (salt.length < 8 || key.length < 16 || key.length > 64) {
                return null;
            }
            return new Parsed(iterations, salt, key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int keyBits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
