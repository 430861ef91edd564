package dsmart.reports;

import static dsmart.reports.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.reports.ReportPack.Format;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executive-sales pack limited to region EAST: only that region's rows, totals and customers. */
class ScopedPackTest {
    private static final Period FEBRUARY = Period.month(2024, 2);
    private static final List<TestMarts.SalesRow> EAST = TestMarts.month("2024-02-01").stream()
            .filter(row -> row.regionCode().equals("EAST")).toList();

    @TempDir
    static Path archive;

    private static MartQuery port;
    private static ArchivedReport east;
    private static String text;

    @BeforeAll
    static void renderEast() throws Exception {
        port = Fixtures.port();
        east = Fixtures.reports(archive).generate(
                ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.regions("EAST"), Language.ZH_CN, "east-manager"), port);
        text = ReportFiles.pdfText(east.file(Format.PDF));
    }

    @AfterAll
    static void close() {
        port.close();
    }

    @Test
    void namesTheScopeInTheFileNamesAndTheStamp() {
        assertThat(east.file(Format.PDF).getFileName()).hasToString("executive-sales_2024-02_region-EAST_zh-CN.pdf");
        assertThat(text).contains("范围: 区域 EAST");
    }

    @Test
    void pdfHoldsOnlyTheRegionsRows() {
        List<String> detail = text.lines().filter(line -> line.startsWith("2024-02")).toList();

        assertThat(detail).hasSize(EAST.size()).allSatisfy(line -> assertThat(line).contains("华东"));
        assertThat(text).doesNotContain("华南");
    }

    @Test
    void totalsAreTheRegionsOwn() {
        BigDecimal revenue = EAST.stream().map(TestMarts.SalesRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        long orders = EAST.stream().mapToLong(TestMarts.SalesRow::orders).sum();

        assertThat(text).containsPattern("合计\\s+" + orders + "\\s+" + Pattern.quote(money(revenue)));
    }

    @Test
    void lastYearIsTheRegionsOwnToo() {
        BigDecimal before = TestMarts.month("2023-02-01").stream().filter(row -> row.regionCode().equals("EAST"))
                .map(TestMarts.SalesRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(text).containsPattern("销售额\\s+\\S+\\s+" + Pattern.quote(money(before)));
    }

    @Test
    void topCustomersAreOnlyTheRegions() {
        String section = text.substring(text.indexOf("重点客户"));
        List<String> eastCustomers = TestMarts.CUSTOMERS.stream().filter(c -> c.region().equals("华东")).map(TestMarts.CustomerRow::name).toList();
        List<String> others = TestMarts.CUSTOMERS.stream().filter(c -> !c.region().equals("华东")).map(TestMarts.CustomerRow::name).toList();

        assertThat(section).contains(eastCustomers);
        others.forEach(name -> assertThat(section).doesNotContain(name));
    }

    @Test
    void detailCsvHoldsOnlyTheRegionsRows() throws Exception {
        List<List<String>> rows = ReportFiles.csvTable(east.file(Format.CSV));

        assertThat(rows.subList(1, rows.size())).hasSize(EAST.size()).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("EAST"));
    }

    @Test
    void aRegionalRequesterAskingForTheCompanyGetsTheirRegion() {
        assertThat(Scope.company().within(Scope.regions("EAST"))).isEqualTo(Scope.regions("EAST"));
    }

    @Test
    void aRegionalRequesterCannotAskForAnotherRegion() {
        assertThatThrownBy(() -> Scope.regions("EAST", "SOUTH").within(Scope.regions("EAST")))
                .isInstanceOf(Scope.ScopeException.class).hasMessageContaining("wider than the requester's scope region-EAST");
    }

    @Test
    void aTeamScopeIsRefusedWhileTheMartsHaveNoTeam(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> Fixtures.reports(elsewhere).generate(
                ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.teams("T01"), Language.ZH_CN, "x"), port))
                .isInstanceOf(Scope.ScopeException.class).hasMessageContaining("no team column");
    }
}
