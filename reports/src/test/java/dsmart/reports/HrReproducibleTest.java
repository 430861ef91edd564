package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Settings;
import dsmart.reports.ReportPack.Format;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hr-appraisal from a real Iceberg lake read by the embedded engine: {@link HrMarts}' scorecards and training
 * published as Iceberg tables, the pack generated, rep 101's total republished as 99.99, then the pack reproduced
 * from its manifest's snapshot ids: the first figures again, while the current snapshots give the new one.
 */
class HrReproducibleTest {
    private static final ReportRequest REQUEST = ReportRequest.of(HrAppraisalPack.NAME, Period.month(2025, 6), Scope.company(),
            Language.ZH_CN, "hr");
    private static final List<String> MARTS = List.of("rep_scorecard_monthly", "training_compliance");

    @TempDir
    static Path dir;

    private static ArchivedReport original;
    private static ArchivedReport reproduced;
    private static ArchivedReport current;

    @BeforeAll
    static void generateChangeAndReproduce() throws Exception {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        Catalog catalog = LakeCatalog.open(settings);
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("mart"), Map.of());
        Reports reports = Fixtures.reports(dir.resolve("reports"));
        try (Connection duck = HrMarts.populated()) {
            for (String mart : MARTS) {
                copy(duck, catalog, mart);
            }
            try (MartQuery port = EmbeddedEngine.open(settings)) {
                original = reports.generate(REQUEST, port);
            }
            try (Statement s = duck.createStatement()) {
                s.execute("UPDATE mart.rep_scorecard_monthly SET total_score = 99.99 WHERE rep_id = 101");
            }
            copy(duck, catalog, "rep_scorecard_monthly");
        }
        reproduced = reports.reproduce(original.manifestFile(), readPoint -> EmbeddedEngine.open(settings, readPoint), "auditor");
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            current = reports.generate(REQUEST, port);
        }
    }

    /** Publishes the DuckDB table mart.{@code name} as an Iceberg table of the same columns (a new snapshot each call). */
    static void copy(Connection duck, Catalog catalog, String name) throws Exception {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM mart." + name)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<org.apache.iceberg.types.Types.NestedField> fields = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                fields.add(org.apache.iceberg.types.Types.NestedField.optional(c, meta.getColumnName(c), switch (meta.getColumnType(c)) {
                    case Types.BIGINT -> org.apache.iceberg.types.Types.LongType.get();
                    case Types.INTEGER -> org.apache.iceberg.types.Types.IntegerType.get();
                    case Types.BOOLEAN -> org.apache.iceberg.types.Types.BooleanType.get();
                    case Types.DATE -> org.apache.iceberg.types.Types.DateType.get();
                    case Types.DECIMAL -> org.apache.iceberg.types.Types.DecimalType.of(meta.getPrecision(c), meta.getScale(c));
                    default -> org.apache.iceberg.types.Types.StringType.get();
                }));
            }
            Schema schema = new Schema(fields);
            TableIdentifier id = TableIdentifier.of("mart", name);
            Table table = catalog.tableExists(id) ? catalog.loadTable(id)
                    : catalog.createTable(id, schema, PartitionSpec.unpartitioned(), Map.of("format-version", "2"));
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new java.util.HashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object value = meta.getColumnType(c) == Types.DATE ? rs.getObject(c, java.time.LocalDate.class) : rs.getObject(c);
                    row.put(meta.getColumnName(c), value);
                }
                rows.add(row);
            }
            MartLake.publish(table, schema, rows, (row, record) -> row.forEach(record::setField));
        }
    }

    private static String rep101(ArchivedReport report) {
        Path pdf = report.files().stream().filter(f -> f.getFileName().toString().contains("_rep-101")).findFirst().orElseThrow();
        return String.join("\n", ReportFiles.pdfText(pdf).lines().filter(line -> !line.contains("申请人"))
                .map(line -> line.strip().replaceAll("\\s+", " ")).toList());
    }

    @Test
    void theReproductionReadsTheManifestsSnapshotsAndShowsTheFirstFigures() {
        assertThat(original.snapshots()).containsOnlyKeys("mart.rep_scorecard_monthly", "mart.training_compliance");
        assertThat(reproduced.snapshots()).isEqualTo(original.snapshots());
        assertThat(rep101(original)).contains("总分 59.75", "净销售额 500,000.00 50.00 40 20.00", "持续培训学时 12.5", "入职培训不足 否");
        assertThat(rep101(reproduced)).isEqualTo(rep101(original));
    }

    @Test
    void theCurrentSnapshotsGiveTheRepublishedFigures() {
        assertThat(current.snapshots()).isNotEqualTo(original.snapshots());
        assertThat(rep101(current)).contains("总分 99.99").doesNotContain("总分 59.75");
    }

    @Test
    void theXlsxOfAllRepsIsReproducedToo() throws Exception {
        assertThat(HrAppraisalPackTest.data(reproduced.file(Format.XLSX), 1)).isEqualTo(HrAppraisalPackTest.data(original.file(Format.XLSX), 1));
        assertThat(HrAppraisalPackTest.data(reproduced.file(Format.XLSX), 2)).hasSize(4);
    }
}
