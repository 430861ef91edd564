package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FreshnessTest {
    Connection connection;
    MartQuery port;
    final AtomicInteger queries = new AtomicInteger();

    @BeforeEach
    void ledger() throws Exception {
        connection = SalesMart.open();
        SalesMart.addRuns(connection);
        JdbcMartQuery inner = JdbcMartQuery.over(connection);
        port = new MartQuery() {
            @Override
            public QueryResult query(String sql, List<?> params) {
                queries.incrementAndGet();
                return inner.query(sql, params);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @AfterEach
    void close() {
        port.close();
    }

    @Test
    void aSnapshotWasCommittedByTheFirstRunThatRecordedIt() {
        Map<String, Instant> at = new Freshness(port).committedAt(Map.of("raw.crm_customers", 111L,
                "mart.sales_monthly", SalesMart.SALES_SNAPSHOT));

        // raw.crm_customers 111 was recorded on 03-31 and again, unchanged, on 04-02: committed on 03-31
        assertThat(at).containsEntry("raw.crm_customers", Instant.parse("2025-03-31T02:00:09Z"))
                .containsEntry("mart.sales_monthly", Instant.parse(SalesMart.SALES_COMMITTED));
    }

    @Test
    void anOlderSnapshotHasItsOwnTime() {
        assertThat(new Freshness(port).committedAt(Map.of("mart.sales_monthly", 7_000_000_001L)))
                .containsExactly(Map.entry("mart.sales_monthly", Instant.parse("2025-03-31T02:10:40Z")));
    }

    @Test
    void aSnapshotTheLedgerDoesNotKnowHasNoTime() {
        assertThat(new Freshness(port).committedAt(Map.of("mart.sales_monthly", 99L))).isEmpty();
    }

    @Test
    void aKnownCommitTimeIsNotAskedAgain() {
        Freshness freshness = new Freshness(port);
        freshness.committedAt(Map.of("mart.sales_monthly", SalesMart.SALES_SNAPSHOT));
        int before = queries.get();

        Map<String, Instant> again = freshness.committedAt(Map.of("mart.sales_monthly", SalesMart.SALES_SNAPSHOT));

        assertThat(queries.get()).isEqualTo(before);
        assertThat(again).containsEntry("mart.sales_monthly", Instant.parse(SalesMart.SALES_COMMITTED));
    }

    @Test
    void withoutALedgerThereAreSnapshotIdsOnly() throws Exception {
        try (Connection bare = SalesMart.open(); MartQuery noLedger = JdbcMartQuery.over(bare)) {
            assertThat(new Freshness(noLedger).committedAt(Map.of("mart.sales_monthly", 1L))).isEmpty();
        }
    }
}
