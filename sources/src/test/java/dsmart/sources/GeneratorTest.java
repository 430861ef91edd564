package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

    private static Settings settings(Path dir, int seed) {
        return Settings.builder().overrides(Map.of(
                "data.dir", dir.toString(), "generator.seed", String.valueOf(seed), "generator.months", "2")).build();
    }

    @Test
    void sameSeedGivesSameRowsInEveryTableAndTheSameTruth(@TempDir Path one, @TempDir Path two) throws IOException {
        Generator.generate(settings(one, 7), Progress.silent("test"));
        Generator.generate(settings(two, 7), Progress.silent("test"));
        for (SourceSystem system : SourceSystem.values()) {
            for (String table : system.tables()) {
                assertThat(Db.dump(settings(one, 7), system, table)).as(table).isEqualTo(Db.dump(settings(two, 7), system, table));
            }
        }
        assertThat(Db.dump(settings(one, 7), SourceSystem.ORDERS, "order_lines")).hasSizeGreaterThan(1_000);
        Path truthOne = Truth.dir(settings(one, 7));
        Path truthTwo = Truth.dir(settings(two, 7));
        assertThat(Files.readString(truthOne.resolve(Truth.BREACHES))).isEqualTo(Files.readString(truthTwo.resolve(Truth.BREACHES)));
        assertThat(Files.readString(truthOne.resolve(Truth.RATES))).isEqualTo(Files.readString(truthTwo.resolve(Truth.RATES)));
    }

    @Test
    void otherSeedGivesOtherRows(@TempDir Path one, @TempDir Path two) {
        Generator.generate(settings(one, 7), Progress.silent("test"));
        Generator.generate(settings(two, 8), Progress.silent("test"));
        assertThat(Db.dump(settings(one, 7), SourceSystem.ORDERS, "orders")).isNotEqualTo(Db.dump(settings(two, 8), SourceSystem.ORDERS, "orders"));
    }

    @Test
    void regeneratingReplacesInsteadOfAppending(@TempDir Path dir) {
        Generator.Result first = Generator.generate(settings(dir, 7), Progress.silent("test"));
        Generator.generate(settings(dir, 7), Progress.silent("test"));
        assertThat(Db.count(settings(dir, 7), SourceSystem.ORDERS, "SELECT COUNT(*) FROM orders")).isEqualTo(first.orders());
        assertThat(Truth.breaches(Truth.dir(settings(dir, 7)))).hasSize((int) first.breaches());
    }

    @Test
    void resultCountsTheRowsWritten(@TempDir Path dir) {
        Settings settings = settings(dir, 7);
        Generator.Result result = Generator.generate(settings, Progress.silent("test"));
        long rows = 0;
        for (SourceSystem system : SourceSystem.values()) {
            for (String table : system.tables()) {
                rows += Db.count(settings, system, "SELECT COUNT(*) FROM " + table);
            }
        }
        assertThat(result.rows()).isEqualTo(rows);
        assertThat(result.orderLines()).isEqualTo(Db.count(settings, SourceSystem.ORDERS, "SELECT COUNT(*) FROM order_lines"));
        assertThat(result.invoices()).isEqualTo(Db.count(settings, SourceSystem.FINANCE, "SELECT COUNT(*) FROM invoices"));
        assertThat(result.customers()).isEqualTo(Db.count(settings, SourceSystem.CRM, "SELECT COUNT(*) FROM customers"));
    }
}
