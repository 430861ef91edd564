package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsmart.serving.MartQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportArchiveTest {
    private static final ReportRequest REQUEST = new ReportRequest(ExecutiveSalesPack.NAME, Period.month(2024, 2), Scope.regions("EAST"),
            Language.EN, "bob", "web");

    @TempDir
    Path archive;
    private MartQuery port;
    private Reports reports;

    @BeforeEach
    void open() throws Exception {
        port = Fixtures.port();
        reports = Fixtures.reports(archive);
    }

    @AfterEach
    void close() {
        port.close();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void manifestNamesPackParametersSnapshotsTimeAndRequester() throws Exception {
        ArchivedReport report = reports.generate(REQUEST, port);

        JsonNode json = new ObjectMapper().readTree(report.manifestFile().toFile());
        assertThat(json.get("pack").asText()).isEqualTo("executive-sales");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.at("/parameters/period").asText()).isEqualTo("2024-02");
        assertThat(json.at("/parameters/scope").asText()).isEqualTo("region-EAST");
        assertThat(json.at("/parameters/regions/0").asText()).isEqualTo("EAST");
        assertThat(json.at("/parameters/language").asText()).isEqualTo("en");
        assertThat(json.at("/snapshots/mart.sales_monthly").asLong()).isEqualTo(7001L);
        assertThat(json.at("/snapshots/mart.customer_sales").asLong()).isEqualTo(42L);
        assertThat(json.get("generated_at").asText()).isEqualTo("2024-03-06T09:30+08:00");
        assertThat(json.get("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(json.get("requested_by").asText()).isEqualTo("bob");
        assertThat(json.get("via").asText()).isEqualTo("web");
    }

    @Test
    void manifestListsEveryFileWithItsSizeAndSha256() throws Exception {
        ArchivedReport report = reports.generate(REQUEST, port);

        JsonNode files = new ObjectMapper().readTree(report.manifestFile().toFile()).get("files");
        assertThat(files).hasSize(report.files().size());
        for (int i = 0; i < report.files().size(); i++) {
            Path file = report.files().get(i);
            assertThat(files.get(i).get("name").asText()).isEqualTo(file.getFileName().toString());
            assertThat(files.get(i).get("bytes").asLong()).isEqualTo(Files.size(file));
            assertThat(files.get(i).get("sha256").asText()).isEqualTo(sha256(file));
        }
    }

    @Test
    void manifestSitsBesideItsFiles() {
        ArchivedReport report = reports.generate(REQUEST, port);

        assertThat(report.files()).allSatisfy(file -> assertThat(file.getParent()).isEqualTo(report.manifestFile().getParent()));
        assertThat(report.manifestFile().getParent()).isEqualTo(archive.resolve("executive-sales").resolve("2024-02"));
    }

    @Test
    void aManifestReadsBackAsItWasWritten() {
        ArchivedReport report = reports.generate(REQUEST, port);

        assertThat(Manifest.read(report.manifestFile())).isEqualTo(report.manifest());
    }

    @Test
    void generatingAgainAddsAVersionAndLeavesTheFirstUntouched() throws Exception {
        ArchivedReport first = reports.generate(REQUEST, port);
        Map<Path, String> before = new java.util.LinkedHashMap<>();
        for (Path file : first.files()) {
            before.put(file, sha256(file));
        }

        ArchivedReport second = reports.generate(REQUEST, port);

        assertThat(second.manifest().version()).isEqualTo(2);
        assertThat(second.files()).extracting(file -> file.getFileName().toString()).containsExactly(
                "executive-sales_2024-02_region-EAST_en-v2.pdf", "executive-sales_2024-02_region-EAST_en-v2.xlsx",
                "executive-sales_2024-02_region-EAST_en_detail-v2.csv");
        for (Map.Entry<Path, String> file : before.entrySet()) {
            assertThat(sha256(file.getKey())).isEqualTo(file.getValue());
        }
    }

    @Test
    void archivedFilesAreReadOnly() throws Exception {
        ArchivedReport report = reports.generate(REQUEST, port);

        // permissions, not Files.isWritable: root may write anything
        java.util.Set<java.nio.file.attribute.PosixFilePermission> writes = java.util.EnumSet.of(
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        for (Path file : report.files()) {
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).doesNotContainAnyElementsOf(writes);
        }
        assertThat(Files.getPosixFilePermissions(report.manifestFile())).doesNotContainAnyElementsOf(writes);
    }

    @Test
    void aFileAlreadyUnderTheNameIsLeftAloneAndTheNextVersionIsUsed() throws Exception {
        Path folder = Files.createDirectories(archive.resolve("executive-sales/2024-02"));
        Path foreign = Files.writeString(folder.resolve("executive-sales_2024-02_region-EAST_en.pdf"), "someone else's");

        ArchivedReport report = reports.generate(REQUEST, port);

        assertThat(Files.readString(foreign)).isEqualTo("someone else's");
        assertThat(report.manifest().version()).isEqualTo(2);
    }

    @Test
    void nothingIsLeftInTheWorkDirectory() {
        reports.generate(REQUEST, port);

        assertThat(archive.resolve(".work")).isEmptyDirectory();
    }

    @Test
    void theScheduleCountsOnlyWholeCompanyGenerationsInItsLanguage() {
        reports.generate(REQUEST, port);
        assertThat(reports.archive().lastArchived(ExecutiveSalesPack.NAME, Language.EN, Period.Kind.MONTH)).isEmpty();

        reports.generate(new ReportRequest(ExecutiveSalesPack.NAME, Period.month(2024, 1), Scope.company(), Language.EN, "bob", "command"), port);
        reports.generate(new ReportRequest(ExecutiveSalesPack.NAME, Period.month(2024, 3), Scope.company(), Language.ZH_CN, "bob", "command"), port);

        assertThat(reports.archive().lastArchived(ExecutiveSalesPack.NAME, Language.EN, Period.Kind.MONTH)).contains(Period.month(2024, 1));
    }

    @Test
    void dueGenerationsAreArchivedOnceAndNotAgain() {
        ReportSchedule schedule = new ReportSchedule(List.of(new ReportSchedule.Job(ExecutiveSalesPack.NAME, Language.ZH_CN)),
                pack -> ReportPack.Cadence.MONTHLY, 5);
        java.time.LocalDate today = java.time.LocalDate.of(2024, 3, 6);

        List<ArchivedReport> first = reports.generateDue(schedule, today, port, "pipeline");
        List<ArchivedReport> second = reports.generateDue(schedule, today, port, "pipeline");

        assertThat(first).singleElement().satisfies(report -> {
            assertThat(report.manifest().period()).isEqualTo(Period.month(2024, 2));
            assertThat(report.manifest().via()).isEqualTo("schedule");
        });
        assertThat(second).isEmpty();
    }
}
