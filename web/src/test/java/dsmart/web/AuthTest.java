package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.security.RouteRole;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTest {
    static final WebUser EXEC = new WebUser("chen", Role.EXECUTIVE,
            "pbkdf2$20000$c2l4dGVlbiBieXRlIHNhbA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

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

    @Test
    void aRouteWithoutRolesIsDeniedToEveryone() {
        assertThat(Access.decide(Set.of(), EXEC)).isEqualTo(Access.Decision.UNDECLARED);
        assertThat(Access.decide(Set.of(), null)).isEqualTo(Access.Decision.UNDECLARED);
        assertThat(Access.decide(null, EXEC)).isEqualTo(Access.Decision.UNDECLARED);
    }

    @Test
    void aPublicRouteLetsAnyoneThrough() {
        assertThat(Access.decide(Set.of(Public.ANYONE), null)).isEqualTo(Access.Decision.ALLOW);
    }

    @Test
    void aRoleRouteNeedsLoginThenTheRole() {
        Set<RouteRole> audit = Set.of(Role.AUDIT);
        assertThat(Access.decide(audit, null)).isEqualTo(Access.Decision.LOGIN);
        assertThat(Access.decide(audit, EXEC)).isEqualTo(Access.Decision.FORBIDDEN);
        assertThat(Access.decide(Set.of(Role.AUDIT, Role.EXECUTIVE), EXEC)).isEqualTo(Access.Decision.ALLOW);
    }
}
