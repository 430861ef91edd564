package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `dsmart report` on the demo's lake (one `dsmart demo --no-serve` per test JVM, see {@link DemoRun}). */
class ReportCommandTest {

    private static Captured report(String... options) {
        List<String> command = new java.util.ArrayList<>(List.of("report"));
        command.addAll(List.of(options));
        return Captured.run(DemoRun.args(DemoRun.dataDir(), command.toArray(String[]::new)));
    }

    private static JsonNode manifest(Captured run) throws Exception {
        return new ObjectMapper().readTree(Path.of(run.stdout().lines().findFirst().orElseThrow()).toFile());
    }

    @Test
    void aRegionalPackInEnglishIsArchivedWithWhoAskedAndItsScope() throws Exception {
        Captured run = report("--pack", "executive-sales", "--period", "2025-04", "--region", "EAST", "--lang", "en", "--by", "carol");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Path folder = DemoRun.settings().path("reports.dir").resolve("executive-sales/2025-04");
        assertThat(run.stdout().lines().toList()).containsExactly(
                folder.resolve("executive-sales_2025-04_region-EAST_en.manifest.json").toString(),
                folder.resolve("executive-sales_2025-04_region-EAST_en.pdf").toString(),
                folder.resolve("executive-sales_2025-04_region-EAST_en.xlsx").toString(),
                folder.resolve("executive-sales_2025-04_region-EAST_en_detail.csv").toString());
        JsonNode manifest = manifest(run);
        assertThat(manifest.get("requested_by").asText()).isEqualTo("carol");
        assertThat(manifest.at("/parameters/scope").asText()).isEqualTo("region-EAST");
        assertThat(DemoPipelineTest.pdfText(folder.resolve("executive-sales_2025-04_region-EAST_en.pdf")))
                .contains("Executive sales", "Regions EAST", "华东").doesNotContain("华南");
    }

    @Test
    void askingAgainAddsAVersion() {
        Captured first = report("--pack", "executive-sales", "--period", "2025-03", "--lang", "en");
        Captured second = report("--pack", "executive-sales", "--period", "2025-03", "--lang", "en");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout()).contains("executive-sales_2025-03_all_en-v2.pdf").doesNotContain("executive-sales_2025-03_all_en.pdf");
    }

    @Test
    void aManifestIsReproducedAtItsSnapshots() throws Exception {
        Captured original = report("--pack", "customer-sales", "--period", "2025-05");
        assertThat(original.exitCode()).as(original.stderr()).isZero();
        String manifestFile = original.stdout().lines().findFirst().orElseThrow();

        Captured again = report("--reproduce", manifestFile, "--by", "auditor");

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        JsonNode reproduced = manifest(again);
        assertThat(reproduced.get("snapshots")).isEqualTo(manifest(original).get("snapshots"));
        assertThat(reproduced.get("reproduces").asText()).isEqualTo(Path.of(manifestFile).getFileName().toString());
        assertThat(reproduced.at("/files/1/sha256").asText()).isNotEmpty();
    }

    @Test
    void aBadPeriodIsNamedInOneLine() {
        Captured run = report("--pack", "executive-sales", "--period", "2025-13");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines().filter(line -> line.startsWith("dsmart report:")).toList()).singleElement().asString()
                .contains("\"2025-13\"");
    }

    @Test
    void anUnknownPackListsThePacks() {
        Captured run = report("--pack", "no-such-pack");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("unknown report pack \"no-such-pack\"", "executive-sales", "customer-sales", "risk", "audit-compliance");
    }

    @Test
    void listShowsThePacksAndTheSchedule() {
        Captured run = report("--list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("executive-sales", "customer-sales", "schedule [executive-sales:zh-CN, customer-tiers:zh-CN, hr-appraisal:zh-CN, risk:zh-CN, audit-compliance:zh-CN], month close on day 5");
    }
}
