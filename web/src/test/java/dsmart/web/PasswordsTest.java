package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    static String hash;

    @BeforeAll
    static void hash() {
        hash = Passwords.hash("正确的-password".toCharArray());
    }

    @Test
    void theSamePasswordMatchesItsHash() {
        assertThat(Passwords.matches("正确的-password".toCharArray(), hash)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotMatch() {
        assertThat(Passwords.matches("正确的-passwore".toCharArray(), hash)).isFalse();
    }

    @Test
    void anEmptyPasswordDoesNotMatch() {
        assertThat(Passwords.matches(new char[0], hash)).isFalse();
    }

    @Test
    void hashIsArgon2idInThePhcFormatWithOwaspParameters() {
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        assertThat(Passwords.hash("正确的-password".toCharArray())).isNotEqualTo(hash);
    }

    /**
     * Hashes printed by the reference implementation (Debian's argon2 tool), e.g.
     * {@code echo -n "口令 hand-made" | argon2 sixteen-byte-slt -id -t 2 -k 19456 -p 1 -l 32 -e}: the format is the
     * contract, and another implementation's hash must verify.
     */
    @Test
    void hashesFromTheReferenceArgon2ToolMatch() {
        assertThat(Passwords.matches("口令 hand-made".toCharArray(),
                "$argon2id$v=19$m=19456,t=2,p=1$c2l4dGVlbi1ieXRlLXNsdA$T4SVng+Hd2Kc7rLZuRR6TtXItk1KLIcw6001BaP1p00")).isTrue();
        assertThat(Passwords.matches("password".toCharArray(),
                "$argon2id$v=19$m=4096,t=3,p=2$c29tZXNhbHQ$lXVg849vSND1P2W3dzLsZi7RPhAgyEyD")).isTrue();
        assertThat(Passwords.matches("Password".toCharArray(),
                "$argon2id$v=19$m=4096,t=3,p=2$c29tZXNhbHQ$lXVg849vSND1P2W3dzLsZi7RPhAgyEyD")).isFalse();
    }

    @Test
    void anOldPbkdf2HashBuiltByHandStillMatches() throws Exception {
        // the earlier format, derived here with the JDK: web.users settings made before Argon2 keep working
        byte[] salt = "sixteen byte salt".substring(0, 16).getBytes(StandardCharsets.US_ASCII);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("口令 hand-made".toCharArray(), salt, 20_000, 256)).getEncoded();
        String handMade = "pbkdf2$20000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(key);

        assertThat(Passwords.matches("口令 hand-made".toCharArray(), handMade)).isTrue();
        assertThat(Passwords.matches("口令 hand-madE".toCharArray(), handMade)).isFalse();
        assertThat(Passwords.isLegacy(handMade)).isTrue();
        assertThat(Passwords.isLegacy(hash)).isFalse();
    }

    @Test
    void matchesRejectsAMalformedHash() {
        assertThatThrownBy(() -> Passwords.matches("x".toCharArray(), "md5$abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$argon2id$v=19$m=<KiB>");
    }

    @Test
    void aHashAskingForAbsurdCostIsNotWellFormed() {
        // a bad setting must not make every login allocate gigabytes
        assertThat(Passwords.isWellFormed("$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$lXVg849vSND1P2W3dzLsZi7RPhAgyEyD")).isFalse();
        assertThat(Passwords.isWellFormed("$argon2id$v=19$m=4096,t=99,p=1$c29tZXNhbHQ$lXVg849vSND1P2W3dzLsZi7RPhAgyEyD")).isFalse();
        assertThat(Passwords.isWellFormed("$argon2i$v=19$m=4096,t=3,p=2$c29tZXNhbHQ$lXVg849vSND1P2W3dzLsZi7RPhAgyEyD")).isFalse();
    }

    @Test
    void hashRejectsAnEmptyPassword() {
        assertThatThrownBy(() -> Passwords.hash(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
