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
    void hashHasTheDocumentedForm() {
        assertThat(hash).matches("pbkdf2\\$" + Passwords.ITERATIONS + "\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+");
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        assertThat(Passwords.hash("正确的-password".toCharArray())).isNotEqualTo(hash);
    }

    @Test
    void aHashBuiltByHandInTheDocumentedFormatMatches() throws Exception {
        // another iteration count and salt, derived here with the JDK: the format is the contract, not the code
        byte[] salt = "sixteen byte salt".substring(0, 16).getBytes(StandardCharsets.US_ASCII);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("口令 hand-made".toCharArray(), salt, 20_000, 256)).getEncoded();
        String handMade = "pbkdf2$20000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(key);

        assertThat(Passwords.matches("口令 hand-made".toCharArray(), handMade)).isTrue();
    }

    @Test
    void matchesRejectsAMalformedHash() {
        assertThatThrownBy(() -> Passwords.matches("x".toCharArray(), "md5$abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pbkdf2$<iterations>");
    }

    @Test
    void hashRejectsAnEmptyPassword() {
        assertThatThrownBy(() -> Passwords.hash(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
