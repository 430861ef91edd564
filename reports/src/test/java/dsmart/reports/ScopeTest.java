package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void theWholeCompanyAddsNoCondition() {
        assertThat(Scope.company().condition("region_code IN ({in})", null)).isEqualTo(new Scope.Condition("1 = 1", List.of()));
    }

    @Test
    void regionsBecomeBoundValuesInSortedOrder() {
        Scope.Condition condition = Scope.regions("SOUTH", "EAST").condition("region_code IN ({in})", null);

        assertThat(condition.sql()).isEqualTo("(region_code IN (?, ?))");
        assertThat(condition.params()).containsExactly("EAST", "SOUTH");
    }

    @Test
    void aCodeThatIsNotACodeIsRefused() {
        assertThatThrownBy(() -> Scope.regions("EAST') OR ('1'='1")).isInstanceOf(Scope.ScopeException.class)
                .hasMessageContaining("is not a code");
    }

    @Test
    void aScopeTheQueryCannotApplyIsRefusedNotIgnored() {
        assertThatThrownBy(() -> Scope.teams("T01").condition("region_code IN ({in})", null))
                .isInstanceOf(Scope.ScopeException.class).hasMessageContaining("no team column");
    }

    @Test
    void aSubsetOfTheAllowedRegionsStaysAsAsked() {
        assertThat(Scope.regions("EAST").within(Scope.regions("EAST", "SOUTH"))).isEqualTo(Scope.regions("EAST"));
    }

    @Test
    void aTeamInsideARegionCannotBeCheckedAndIsRefused() {
        assertThatThrownBy(() -> Scope.teams("T01").within(Scope.regions("EAST"))).isInstanceOf(Scope.ScopeException.class);
    }

    @Test
    void aCompanyWideRequesterMayAskForAnything() {
        assertThat(Scope.regions("NORTH").within(Scope.company())).isEqualTo(Scope.regions("NORTH"));
    }

    @Test
    void keysNameFilesAndReadBack() {
        for (Scope scope : List.of(Scope.company(), Scope.regions("EAST", "SOUTH"), Scope.teams("T-07"))) {
            assertThat(Scope.ofKey(scope.key())).isEqualTo(scope);
        }
        assertThat(Scope.regions("SOUTH", "EAST").key()).isEqualTo("region-EAST+SOUTH");
    }
}
