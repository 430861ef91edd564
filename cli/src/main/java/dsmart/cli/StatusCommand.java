package dsmart.cli;

import dsmart.lake.LakeTables;
import dsmart.lake.Settings;
import dsmart.serving.Column;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The last run of each stage, the last run entries (ops.runs) and every lake table with its current "
                + "snapshot id and row count.")
final class StatusCommand extends StageCommand {
    static final String LAST_RUN_PER_STAGE_SQL = """
            WITH latest AS (
              SELECT stage, run_id, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY finished_at DESC, run_id DESC) AS n FROM ops.runs)
            SELECT r.stage, r.run_id, COUNT(*) AS targets,
                   SUM(CASE WHEN r.status = 'ok' THEN 1 ELSE 0 END) AS ok,
                   SUM(CASE WHEN r.status = 'unchanged' THEN 1 ELSE 0 END) AS unchanged,
                   SUM(CASE WHEN r.status = 'skipped' THEN 1 ELSE 0 END) AS skipped,
                   SUM(CASE WHEN r.status NOT IN ('ok', 'unchanged', 'skipped') THEN 1 ELSE 0 END) AS failed,
                   CAST(MAX(r.finished_at) AS VARCHAR) AS finished_at
            FROM ops.runs r JOIN latest l ON l.stage = r.stage AND l.run_id = r.run_id AND l.n = 1
            GROUP BY r.stage, r.run_id
            ORDER BY r.stage""";

    @Option(names = "--runs", description = "How many run entries to show (default 12).")
    int runs = 12;

    @Override
    public Integer call() {
        Settings settings = settings();
        List<LakeTables.TableState> tables = LakeTables.list(settings);
        if (tables.stream().anyMatch(t -> t.table().toString().equals("ops.runs"))) {
            try (MartQuery port = Stages.engine(settings)) {
                System.out.println("Last run of each stage:");
                System.out.print(TextTable.aligned(port.query(LAST_RUN_PER_STAGE_SQL)));
                System.out.println();
                System.out.println("Last runs:");
                System.out.print(TextTable.aligned(port.query("SELECT run_id, stage, target, status, rows_read, rows_written, "
                        + "CAST(finished_at AS VARCHAR) AS finished_at, message FROM ops.runs ORDER BY finished_at DESC, target LIMIT ?",
                        (long) runs)));
            }
        } else {
            System.out.println("No runs yet (try `dsmart demo --no-serve`).");
        }
        System.out.println();
        System.out.println("Tables in " + settings.text("lake.warehouse") + ":");
        List<List<Object>> rows = new ArrayList<>();
        ZoneId zone = settings.zone();
        for (LakeTables.TableState state : tables) {
            rows.add(Arrays.asList(state.table().toString(), state.snapshotId(), state.rows(),
                    state.committedAt() == null ? null : state.committedAt().atZone(zone).toLocalDateTime().withNano(0).toString()));
        }
        QueryResult listing = new QueryResult(List.of(new Column("table", "VARCHAR"), new Column("snapshot_id", "BIGINT"),
                new Column("rows", "BIGINT"), new Column("committed_at", "VARCHAR")), rows, Map.of());
        System.out.print(TextTable.aligned(listing));
        return 0;
    }
}
