package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/?from=2025-01&channel=phone", "/api/sales-monthly"})
    void aLocalPathIsAFineNext(String next) {
        assertThat(Auth.safeNext(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.example", "/\\evil.example", "http://evil.example/", "evil", "/a\r\nSet-Cookie: x=1",
            "/ space"})
    void anythingElseBecomesHome(String next) {
        assertThat(Auth.safeNext(next)).isEqualTo("/");
    }
}
