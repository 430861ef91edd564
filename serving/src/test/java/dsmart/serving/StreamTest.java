package dsmart.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTest {
    private static final LocalDate JAN = LocalDate.of(2025, 1, 1);

    /** Collects what a stream delivered. */
    static final class Collected implements RowSink {
        List<Column> columns;
        Map<String, Long> snapshots;
        final List<List<Object>> rows = new ArrayList<>();

        @Override
        public void start(List<Column> columns, Map<String, Long> snapshots) {
            this.columns = columns;
            this.snapshots = snapshots;
        }

        @Override
        public void row(List<Object> values) {
            rows.add(values);
        }
    }

    @Test
    void streamsEveryRowWithBoundValuesAndJavaTypes() throws Exception {
        Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE TABLE t AS SELECT i::INTEGER AS n, (i * 1.25)::DECIMAL(18,2) AS amount, DATE '2025-01-01' + i::INTEGER AS day "
                    + "FROM range(10000) r(i)");
        }
        try (MartQuery port = JdbcMartQuery.over(duckdb)) {
            Collected collected = new Collected();
            port.stream("SELECT n, amount, day FROM t WHERE n >= ? ORDER BY n", List.of(5000), collected);

            assertThat(collected.columns).extracting(Column::name).containsExactly("n", "amount", "day");
            assertThat(collected.rows).hasSize(5000);
            assertThat(collected.rows.get(0)).containsExactly(5000L, new BigDecimal("6250.00"), JAN.plusDays(5000));
            assertThat(collected.rows.get(4999).get(0)).isEqualTo(9999L);
        }
    }

    @Test
    void theEmbeddedEngineStreamsFromTheSnapshotItNamesAndCachesNothing(@TempDir Path dir) {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        LakeFixture lake = new LakeFixture(settings);
        long snapshot = lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "1.50"), new LakeFixture.Sale(JAN, "华北", "2.00")));
        try (JdbcMartQuery engine = (JdbcMartQuery) EmbeddedEngine.open(settings)) {
            Collected collected = new Collected();
            Map<String, Long> read = engine.stream("SELECT region_name, revenue FROM mart.sales ORDER BY region_name", List.of(), collected);

            assertThat(read).containsExactly(Map.entry("mart.sales", snapshot));
            assertThat(collected.snapshots).isEqualTo(read);
            assertThat(collected.rows).containsExactly(List.of("华东", new BigDecimal("1.50")), List.of("华北", new BigDecimal("2.00")));
            assertThat(engine.cache().size()).isZero();
        }
    }

    @Test
    void aPortWithoutItsOwnStreamingHandsOverTheRowsOfItsAnswer() {
        QueryResult answer = new QueryResult(List.of(new Column("x", "BIGINT")), List.of(List.of(1L), List.of(2L)), Map.of("mart.t", 9L));
        MartQuery port = new MartQuery() {
            @Override
            public QueryResult query(String sql, List<?> params) {
                return answer;
            }

            @Override
            public void close() {}
        };
        Collected collected = new Collected();

        assertThat(port.stream("SELECT x FROM mart.t", List.of(), collected)).containsExactly(Map.entry("mart.t", 9L));
        assertThat(collected.rows).containsExactly(List.of(1L), List.of(2L));
    }
}
