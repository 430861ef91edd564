package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebConfigTest {
    static String hash;

    @BeforeAll
    static void hash() {
        hash = Passwords.hash("config-test".toCharArray());
    }

    @Test
    void defaultsToTheLoopbackHost() {
        WebConfig config = new WebConfig(7070, List.of(new WebUser("zhao", Role.HR, hash)));

        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void rejectsAPortAbove65535() {
        assertThatThrownBy(() -> new WebConfig(70_000, List.of(new WebUser("zhao", Role.HR, hash))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    @Test
    void rejectsANegativePort() {
        assertThatThrownBy(() -> new WebConfig(-1, List.of(new WebUser("zhao", Role.HR, hash))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void rejectsABlankHost() {
        assertThatThrownBy(() -> new WebConfig(" ", 7070, List.of(new WebUser("zhao", Role.HR, hash))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
    }

    @Test
    void rejectsNoUsers() {
        assertThatThrownBy(() -> new WebConfig(7070, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one user");
    }

    @Test
    void rejectsTheSameUserNameTwice() {
        List<WebUser> users = List.of(new WebUser("zhao", Role.HR, hash), new WebUser("zhao", Role.ADMIN, hash));

        assertThatThrownBy(() -> new WebConfig(7070, users))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zhao");
    }

    @Test
    void keepsItsOwnCopyOfTheUsers() {
        List<WebUser> users = new ArrayList<>(List.of(new WebUser("zhao", Role.HR, hash)));
        WebConfig config = new WebConfig(7070, users);

        users.clear();

        assertThat(config.users()).hasSize(1);
    }

    @Test
    void userRejectsAHashNotMadeByPasswords() {
        assertThatThrownBy(() -> new WebUser("zhao", Role.HR, "plain-text-password"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zhao")
                .hasMessageNotContaining("plain-text-password");
    }

    @Test
    void userRejectsANameWithSpaces() {
        assertThatThrownBy(() -> new WebUser("zhao wei", Role.HR, hash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zhao wei");
    }

    @Test
    void userAcceptsAChineseName() {
        assertThat(new WebUser("张伟", Role.EXECUTIVE, hash).name()).isEqualTo("张伟");
    }

    @Test
    void userToStringHidesTheHash() {
        assertThat(new WebUser("zhao", Role.HR, hash).toString()).doesNotContain(hash).contains("zhao", "HR");
    }

    @Test
    void roleParsesAnyCase() {
        assertThat(Role.parse("audit")).isEqualTo(Role.AUDIT);
    }

    @Test
    void roleParseNamesTheValueAndTheChoices() {
        assertThatThrownBy(() -> Role.parse("boss"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("boss")
                .hasMessageContaining("executive, region_manager, hr, audit, admin");
    }

    @Test
    void regionManagerNeedsARegion() {
        assertThatThrownBy(() -> new WebUser("qian", Role.REGION_MANAGER, hash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qian")
                .hasMessageContaining("region");
    }

    @Test
    void regionManagerKeepsTheRegion() {
        assertThat(new WebUser("qian", Role.REGION_MANAGER, hash, "EAST").region()).isEqualTo("EAST");
    }

    @Test
    void onlyARegionManagerHasARegion() {
        assertThatThrownBy(() -> new WebUser("sun", Role.EXECUTIVE, hash, "EAST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only a REGION_MANAGER");
    }

    @Test
    void aRegionIsACodeNotSql() {
        assertThatThrownBy(() -> new WebUser("qian", Role.REGION_MANAGER, hash, "EAST' OR '1'='1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
