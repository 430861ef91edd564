package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which checks a mart rebuilt in part may run on its rebuilt rows alone. */
class DataCheckTest {
    @Test
    void aCheckOfRowsAloneHoldsPerPartOfAnyColumn() {
        DataCheck notNull = DataCheck.notNull(List.of("month", "revenue"));

        assertThat(notNull.holdsPerPartOf("month")).isTrue();
        assertThat(notNull.holdsPerPartOf("as_of_date")).isTrue();
        assertThat(notNull.sqlFor("t")).isEqualTo("SELECT COUNT(*) FROM t WHERE month IS NULL OR revenue IS NULL");
    }

    @Test
    void aUniqueKeyHoldsPerPartOfItsOwnColumnsOnly() {
        DataCheck key = DataCheck.uniqueKey(List.of("as_of_date", "invoice_id"));

        assertThat(key.holdsPerPartOf("as_of_date")).isTrue();
        assertThat(key.holdsPerPartOf("month")).isFalse();
    }

    @Test
    void aReconciliationHoldsOnlyForTheWhole() {
        DataCheck reconciliation = DataCheck.equal("revenue", "SELECT SUM(revenue) FROM {{this}}", "SELECT revenue FROM stg_order_totals");
        DataCheck custom = new DataCheck("one row per period", "SELECT COUNT(*) FROM {{this}}");

        assertThat(reconciliation.holdsPerPartOf("month")).isFalse();
        assertThat(custom.holdsPerPartOf("month")).isFalse();
    }
}
