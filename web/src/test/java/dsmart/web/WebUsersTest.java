package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebUsersTest {
    /** From the reference argon2 tool: note the commas inside the parameters. */
    static final String ARGON = "$argon2id$v=19$m=19456,t=2,p=1$c2l4dGVlbi1ieXRlLXNsdA$T4SVng+Hd2Kc7rLZuRR6TtXItk1KLIcw6001BaP1p00";
    static final String PBKDF2 = "pbkdf2$20000$c2l4dGVlbiBieXRlIHNhbA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void blankMeansNoUsers() {
        assertThat(WebUsers.parse("  ")).isEmpty();
        assertThat(WebUsers.parse(null)).isEmpty();
    }

    @Test
    void argon2HashesWithCommasAndRegionsParse() {
        List<WebUser> users = WebUsers.parse("chen:EXECUTIVE:" + ARGON + ", zhao:region_manager:" + ARGON + ":NORTH,"
                + "wu:HR:" + PBKDF2 + ",li:audit:" + ARGON);

        assertThat(users).extracting(WebUser::name).containsExactly("chen", "zhao", "wu", "li");
        assertThat(users).extracting(WebUser::role).containsExactly(Role.EXECUTIVE, Role.REGION_MANAGER, Role.HR, Role.AUDIT);
        assertThat(users).extracting(WebUser::region).containsExactly(null, "NORTH", null, null);
        assertThat(users.get(0).passwordHash()).isEqualTo(ARGON);
        assertThat(users.get(2).passwordHash()).isEqualTo(PBKDF2);
    }

    @Test
    void aRegionManagerWithoutRegionIsRefusedNamingTheUser() {
        assertThatThrownBy(() -> WebUsers.parse("zhao:REGION_MANAGER:" + ARGON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad setting web.users: entry for zhao")
                .hasMessageContaining("region");
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheUserAndRole() {
        assertThatThrownBy(() -> WebUsers.parse("zhao:BOSS:" + ARGON))
                .hasMessageContaining("zhao").hasMessageContaining("BOSS");
    }

    @Test
    void anEntryWithoutHashIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> WebUsers.parse("zhao:HR"))
                .hasMessage("bad setting web.users: entry for zhao is not name:ROLE:hash[:region]");
    }

    @Test
    void aPlainPasswordIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> WebUsers.parse("zhao:HR:secret123"))
                .hasMessageContaining("zhao").hasMessageNotContaining("secret123");
    }
}
