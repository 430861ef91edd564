package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Settings;
import dsmart.reports.ReportPack.Format;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** customer-tiers for region SOUTH from the four marts published as Iceberg tables, read by the embedded engine. */
class CustomerTiersLakeTest {
    @TempDir
    static Path dir;

    @Test
    void southFromTheLakeHasTheRegionsCountsAndMigrationsAndNamesEveryMartRead() throws Exception {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        Catalog catalog = LakeCatalog.open(settings);
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("mart"), Map.of());
        try (Connection duck = CustomerTiersPackTest.marts()) {
            for (String mart : List.of("customer_tier_history", "customer_tier", "customer_sales", "sales_monthly")) {
                HrReproducibleTest.copy(duck, catalog, mart);
            }
        }
        ArchivedReport south;
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            south = Fixtures.reports(dir.resolve("reports")).generate(
                    ReportRequest.of(CustomerTiersPack.NAME, Period.month(2024, 3), Scope.regions("SOUTH"), Language.ZH_CN, "sales"), port);
        }
        String text = ReportFiles.pdfText(south.file(Format.PDF));

        assertThat(south.snapshots()).containsOnlyKeys("mart.customer_sales", "mart.customer_tier", "mart.customer_tier_history",
                "mart.sales_monthly");
        // 华南: A 1 (5), B 2 (3, 9), C 3 (7, 11, 12); one migration: 3 down A→B (potential)
        assertThat(text).containsPattern("华南\\s+1\\s+2\\s+3\\s+6").containsPattern("合计\\s+1\\s+2\\s+3\\s+6")
                .containsPattern("广州南星电器有限公司\\s+A\\s*→\\s*B\\s+降级\\s+潜在价值").doesNotContain("华东");
        assertThat(HrAppraisalPackTest.data(south.files().get(2), 1)).hasSize(1 + 6);
    }
}
