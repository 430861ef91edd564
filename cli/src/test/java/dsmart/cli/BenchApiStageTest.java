package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's dashboard stage when the API cannot answer: failures are counted and reported, never thrown. */
class BenchApiStageTest {
    @TempDir
    Path dir;

    @Test
    void overAnEmptyLakeEveryRequestIsAReportedFailure() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        BenchCommand bench = new BenchCommand();
        bench.apiRate = 10;
        bench.apiSeconds = 1;

        BenchCommand.ApiRun run = bench.apiLoad(settings, BenchCommand.apiUsers());

        assertThat(run.summary()).isNotNull();
        assertThat(run.summary().requests()).isEqualTo(10);
        assertThat(run.summary().answered()).isZero();
        assertThat(run.summary().failures()).isEqualTo(10);
        assertThat(run.error()).isNotBlank();
        assertThat(BenchCommand.apiTable(List.of(run))).contains("| 1 | 10 | 0 | **10** |");
    }
}
