package dsmart.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Settings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedEngineTest {
    private static final String SUM_FOR_REGION = "SELECT SUM(revenue) AS revenue FROM mart.sales WHERE region_name = ?";
    private static final LocalDate JAN = LocalDate.of(2025, 1, 1);

    @TempDir
    Path dir;
    private Settings settings;
    private LakeFixture lake;
    private JdbcMartQuery engine;

    @BeforeEach
    void lake() {
        settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        lake = new LakeFixture(settings);
        engine = (JdbcMartQuery) EmbeddedEngine.open(settings);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void answersFromTheCurrentSnapshotWithItsId() {
        long snapshot = lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "10.25"), new LakeFixture.Sale(JAN, "华东", "0.75"),
                new LakeFixture.Sale(JAN, "华北", "99.00")));
        QueryResult result = engine.query(SUM_FOR_REGION, "华东");
        assertThat((BigDecimal) result.rows().get(0).get(0)).isEqualByComparingTo("11.00");
        assertThat(result.snapshots()).containsExactly(Map.entry("mart.sales", snapshot));
    }

    @Test
    void decimalsAndDatesComeBackAsJavaTypes() {
        lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "10.25")));
        List<Object> row = engine.query("SELECT month, revenue FROM mart.sales").rows().get(0);
        assertThat(row.get(0)).isEqualTo(JAN);
        assertThat(row.get(1)).isEqualTo(new BigDecimal("10.25"));
    }

    @Test
    void aNewSnapshotIsSeenAndDropsTheCachedAnswer() {
        lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "1.00")));
        engine.query(SUM_FOR_REGION, "华东");
        assertThat(engine.cache().size()).isEqualTo(1);
        long second = lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "2.50")));
        QueryResult result = engine.query(SUM_FOR_REGION, "华东");
        assertThat((BigDecimal) result.rows().get(0).get(0)).isEqualByComparingTo("3.50");
        assertThat(result.snapshots()).containsEntry("mart.sales", second);
        assertThat(engine.cache().size()).isEqualTo(1);
    }

    @Test
    void theSameQueryOnTheSameSnapshotIsAnsweredFromTheCache() {
        lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "1.00")));
        QueryResult first = engine.query(SUM_FOR_REGION, "华东");
        QueryResult second = engine.query(SUM_FOR_REGION, "华东");
        assertThat(second).isSameAs(first);
        assertThat(engine.cache().hits()).isEqualTo(1);
        assertThat(engine.query(SUM_FOR_REGION, "华北")).isNotSameAs(first);
    }

    @Test
    void valuesAreBoundNotSpliced() {
        lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "1.00")));
        QueryResult result = engine.query("SELECT COUNT(*) FROM mart.sales WHERE region_name = ?", "x' OR '1'='1");
        assertThat(result.rows().get(0).get(0)).isEqualTo(0L);
    }

    @Test
    void aTableNotYetInTheLakeIsNamed() {
        assertThatThrownBy(() -> engine.query("SELECT * FROM mart.nothing_here"))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("mart.nothing_here");
    }

    @Test
    void anEmptyTableAnswersWithNoRows() {
        QueryResult result = engine.query("SELECT month, revenue FROM mart.sales");
        assertThat(result.rows()).isEmpty();
        assertThat(result.snapshots()).isEmpty();
    }

    @Test
    void aPinnedSnapshotIsReadAsItWas() {
        long first = lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "1.00")));
        lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "2.00")));
        try (MartQuery old = EmbeddedEngine.open(settings, ReadPoint.snapshots(Map.of("mart.sales", first)))) {
            QueryResult result = old.query(SUM_FOR_REGION, "华东");
            assertThat((BigDecimal) result.rows().get(0).get(0)).isEqualByComparingTo("1.00");
            assertThat(result.snapshots()).containsExactly(Map.entry("mart.sales", first));
        }
    }

    @Test
    void aTimeReadsTheSnapshotCurrentThen() throws InterruptedException {
        long first = lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "1.00")));
        Instant between = Instant.ofEpochMilli(lake.table().snapshot(first).timestampMillis() + 1);
        Thread.sleep(5);
        lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "2.00")));
        try (MartQuery old = EmbeddedEngine.open(settings, ReadPoint.at(between))) {
            assertThat(old.query(SUM_FOR_REGION, "华东").snapshots()).containsExactly(Map.entry("mart.sales", first));
        }
        try (MartQuery before = EmbeddedEngine.open(settings, ReadPoint.at(between.minusSeconds(3600)))) {
            assertThatThrownBy(() -> before.query(SUM_FOR_REGION, "华东")).hasMessageContaining("no snapshot at or before");
        }
    }

    @Test
    void anUnknownPinnedSnapshotIsNamed() {
        lake.append(List.of(new LakeFixture.Sale(JAN, "华东", "1.00")));
        try (MartQuery old = EmbeddedEngine.open(settings, ReadPoint.snapshots(Map.of("mart.sales", 42L)))) {
            assertThatThrownBy(() -> old.query(SUM_FOR_REGION, "华东")).hasMessageContaining("mart.sales has no snapshot 42");
        }
    }

    @Test
    void badSqlNamesTheQuery() {
        assertThatThrownBy(() -> engine.query("SELECT nonsense FROM mart.sales"))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("SELECT nonsense FROM mart.sales");
    }
}
