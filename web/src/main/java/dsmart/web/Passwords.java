package dsmart.web;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes. New hashes are Argon2id (RFC 9106) in the PHC string format that the reference
 * {@code argon2} tool prints: {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<saltB64>$<hashB64>}
 * (standard Base64 without padding; the password is hashed as UTF-8). Parameters are OWASP's for Argon2id:
 * 19 MiB, 2 passes, 1 lane, 16-byte salt, 32-byte hash. {@link #matches} reads the parameters from the hash,
 * so old hashes keep working when the defaults rise.
 *
 * <p>Hashes of the earlier form {@code pbkdf2$<iterations>$<saltB64>$<hashB64>} (PBKDF2WithHmacSHA256) are
 * still verified, so existing {@code web.users} settings keep working; nothing makes them any more.
 */
public final class Passwords {
    /** Argon2id memory for new hashes, KiB. */
    public static final int MEMORY_KIB = 19_456;
    /** Argon2id passes for new hashes. */
    public static final int PASSES = 2;
    /** Argon2id lanes for new hashes. */
    public static final int LANES = 1;

    static final String FORMS = "$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<saltB64>$<hashB64> "
            + "(from `dsmart hash-password`) or pbkdf2$<iterations>$<saltB64>$<hashB64>";

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,7}),t=([0-9]{1,2}),p=([0-9]{1,2})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
    /** Bounds a hash from the settings must respect: a huge memory or pass count in a bad hash must not stall logins. */
    private static final int MIN_MEMORY_KIB = 8;
    private static final int MAX_MEMORY_KIB = 262_144;
    private static final int MAX_PASSES = 16;
    private static final int MAX_LANES = 16;

    private static final String PBKDF2 = "PBKDF2WithHmacSHA256";
    private static final Pattern PBKDF2_FORMAT =
            Pattern.compile("pbkdf2\\$([0-9]{1,9})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
    private static final int MIN_ITERATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Passwords() {}

    /** A new salted Argon2id hash of the password. The caller may clear the array afterwards. */
    public static String hash(char[] password) {
        requireNonNull(password, "password");
        if (password.length == 0) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = argon2id(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(key);
    }

    /** Whether the password is the one the hash was made from; compares in constant time. */
    public static boolean matches(char[] password, String hash) {
        requireNonNull(password, "password");
        requireNonNull(hash, "hash");
        Parsed parsed = parse(hash);
        if (parsed == null) {
            throw new IllegalArgumentException("not a password hash of the form " + FORMS);
        }
        if (password.length == 0) {
            return false; // hash() never accepts an empty password
        }
        byte[] actual = parsed.argon2
                ? argon2id(password, parsed.salt, parsed.memory, parsed.passes, parsed.lanes, parsed.key.length)
                : pbkdf2(password, parsed.salt, parsed.passes, parsed.key.length * 8);
        return MessageDigest.isEqual(actual, parsed.key);
    }

    static boolean isWellFormed(String hash) {
        return hash != null && parse(hash) != null;
    }

    /** Whether the hash is of the old PBKDF2 form (still accepted; worth replacing). */
    static boolean isLegacy(String hash) {
        return hash != null && hash.startsWith("pbkdf2$") && parse(hash) != null;
    }

    private record Parsed(boolean argon2, int memory, int passes, int lanes, byte[] salt, byte[] key) {}

    private static Parsed parse(String hash) {
        Matcher argon = ARGON2ID.matcher(hash);
        if (argon.matches()) {
            int memory = Integer.parseInt(argon.group(1));
            int passes = Integer.parseInt(argon.group(2));
            int lanes = Integer.parseInt(argon.group(3));
            if (memory < MIN_MEMORY_KIB || memory > MAX_MEMORY_KIB || memory < 8 * lanes
                    || passes < 1 || passes > MAX_PASSES || lanes < 1 || lanes > MAX_LANES) {
                return null;
            }
            byte[] salt = decode(argon.group(4));
            byte[] key = decode(argon.group(5));
            if (salt == null || key == null || salt.length < 8 || key.length < 16 || key.length > 64) {
                return null;
            }
            return new Parsed(true, memory, passes, lanes, salt, key);
        }
        Matcher pbkdf2 = PBKDF2_FORMAT.matcher(hash);
        if (!pbkdf2.matches()) {
            return null;
        }
        int iterations = Integer.parseInt(pbkdf2.group(1));
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            return null;
        }
        byte[] salt = decode(pbkdf2.group(2));
        byte[] key = decode(pbkdf2.group(3));
        if (salt == null || key == null || salt.length < 8 || key.length < 16 || key.length > 64) {
            return null;
        }
        return new Parsed(false, 0, iterations, 0, salt, key);
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64); // accepts both padded and unpadded input
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] argon2id(char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] bytes = utf8(password);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(bytes, out);
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int keyBits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBits);
        try {
            return SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(PBKDF2 + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
