package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.reports.ReportPack.Format;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack generated from a real Iceberg lake, the marts republished with other figures, then the pack
 * generated again from the snapshot ids its manifest names: the same figures as the first time.
 */
class ReproducibleTest {
    private static final ReportRequest REQUEST = ReportRequest.of(ExecutiveSalesPack.NAME, Period.month(2024, 2), Scope.company(),
            Language.ZH_CN, "alice");

    @TempDir
    static Path dir;

    private static Settings settings;
    private static Reports reports;
    private static ArchivedReport original;
    private static ArchivedReport reproduced;
    private static ArchivedReport current;
    private static Map<String, Long> firstSnapshots;

    @BeforeAll
    static void generateChangeAndReproduce() {
        settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        MartLake lake = new MartLake(settings);
        firstSnapshots = Map.of("mart.sales_monthly", lake.publishSales(TestMarts.SALES),
                "mart.customer_sales", lake.publishCustomers(TestMarts.CUSTOMERS));
        reports = Fixtures.reports(dir.resolve("reports"));
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            original = reports.generate(REQUEST, port);
        }

        List<TestMarts.SalesRow> corrected = new ArrayList<>();
        for (TestMarts.SalesRow row : TestMarts.SALES) {
            corrected.add(new TestMarts.SalesRow(row.month(), row.regionCode(), row.regionName(), row.channel(), row.orders() + 1,
                    row.revenue().add(new BigDecimal("1000.00")), row.grossProfit(), row.newCustomers()));
        }
        lake.publishSales(corrected);
        List<TestMarts.CustomerRow> more = new ArrayList<>(TestMarts.CUSTOMERS);
        more.add(new TestMarts.CustomerRow(99, "新晋大客户有限公司", "华东", 500, new BigDecimal("9999999.99")));
        lake.publishCustomers(more);

        Path manifest = Path.of(original.manifestFile().toString()); // as an operator would: from the archive
        reproduced = reports.reproduce(manifest, readPoint -> EmbeddedEngine.open(settings, readPoint), "auditor");
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            current = reports.generate(REQUEST, port);
        }
    }

    private static String figures(ArchivedReport report) {
        // the PDF's text without the line naming the requester (the one thing asked differently), spaces collapsed
        // (pdftotext's layout spacing follows the widest line)
        return String.join("\n", ReportFiles.pdfText(report.file(Format.PDF)).lines().filter(line -> !line.contains("申请人"))
                .map(line -> line.strip().replaceAll("\\s+", " ")).toList());
    }

    @Test
    void theManifestNamesTheSnapshotsTheFirstGenerationRead() {
        assertThat(Manifest.read(original.manifestFile()).snapshots()).isEqualTo(firstSnapshots);
    }

    @Test
    void theReproductionReadsTheManifestsSnapshots() {
        assertThat(reproduced.snapshots()).isEqualTo(firstSnapshots);
        assertThat(reproduced.manifest().reproduces()).isEqualTo(original.manifestFile().getFileName().toString());
        assertThat(reproduced.manifest().via()).isEqualTo("reproduce");
    }

    @Test
    void theReproductionHasTheSameDetailRows() throws Exception {
        assertThat(ReportFiles.csvTable(reproduced.file(Format.CSV))).isEqualTo(ReportFiles.csvTable(original.file(Format.CSV)));
    }

    @Test
    void theReproductionHasTheSameFiguresInItsPdf() {
        assertThat(figures(reproduced)).isEqualTo(figures(original));
    }

    @Test
    void theReproductionIsANewVersionBesideTheOriginal() {
        assertThat(reproduced.manifest().version()).isEqualTo(2);
        assertThat(reproduced.manifestFile().getParent()).isEqualTo(original.manifestFile().getParent());
    }

    @Test
    void readingTheCurrentSnapshotsGivesTheChangedFigures() throws Exception {
        assertThat(current.snapshots()).isNotEqualTo(firstSnapshots);
        assertThat(ReportFiles.csvTable(current.file(Format.CSV))).isNotEqualTo(ReportFiles.csvTable(original.file(Format.CSV)));
        assertThat(figures(current)).contains("新晋大客户有限公司");
        assertThat(figures(original)).doesNotContain("新晋大客户有限公司");
    }
}
