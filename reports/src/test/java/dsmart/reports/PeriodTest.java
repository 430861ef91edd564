package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void aMonthRunsFromItsFirstDayToTheNextMonths() {
        Period period = Period.parse("2024-02");

        assertThat(period.from()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(period.until()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(period).hasToString("2024-02");
    }

    @Test
    void aYearRunsFromJanuaryToTheNextJanuary() {
        Period period = Period.parse("2024");

        assertThat(period.kind()).isEqualTo(Period.Kind.YEAR);
        assertThat(period.from()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(period.until()).isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @Test
    void theSamePeriodLastYear() {
        assertThat(Period.parse("2024-02").yearBefore()).isEqualTo(Period.parse("2023-02"));
        assertThat(Period.parse("2024").yearBefore()).isEqualTo(Period.parse("2023"));
    }

    @Test
    void anythingElseIsRefusedWithTheTextItGot() {
        for (String bad : new String[] {"2024-13", "24-02", "2024/02", "", "2024-2"}) {
            assertThatThrownBy(() -> Period.parse(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + bad + "\"");
        }
    }
}
