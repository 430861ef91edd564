package dsmart.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableNamesTest {
    @Test
    void findsQualifiedLakeTablesOnly() {
        assertThat(TableNames.referencedIn("SELECT * FROM mart.sales_monthly s JOIN MART.customer_sales c ON 1=1 "
                + "JOIN ops . runs r ON 1=1 WHERE s.month > ?"))
                .containsExactly("mart.customer_sales", "mart.sales_monthly", "ops.runs");
    }

    @Test
    void pinsEveryReferenceToATableWithASnapshot() {
        assertThat(TableNames.pinned("SELECT * FROM mart.a x JOIN mart.b ON 1=1 WHERE x.id IN (SELECT id FROM mart.a)",
                java.util.Map.of("mart.a", 7L)))
                .isEqualTo("SELECT * FROM mart.a FOR VERSION AS OF 7 x JOIN mart.b ON 1=1 WHERE x.id IN (SELECT id FROM mart.a FOR VERSION AS OF 7)");
    }
}
