package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportFilesTest {
    @TempDir
    Path dir;
    Path reports;
    ReportFiles files;

    @BeforeEach
    void files() throws Exception {
        reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(reports.resolve("sales-2025-03.pdf"), "%PDF-1.4 sales");
        Files.createDirectories(reports.resolve("2025/03"));
        Files.writeString(reports.resolve("2025/03/销售月报.xlsx"), "xlsx");
        Files.writeString(reports.resolve(".hidden"), "hidden");
        Files.writeString(dir.resolve("secret.txt"), "outside the reports directory");
        Files.createSymbolicLink(reports.resolve("escape.pdf"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(reports.resolve("escape-dir"), dir);
        Files.createSymbolicLink(reports.resolve("inside.pdf"), reports.resolve("sales-2025-03.pdf"));
        files = new ReportFiles(reports);
    }

    @Test
    void resolvesAPlainRelativeName() throws Exception {
        assertThat(files.resolve("2025/03/销售月报.xlsx")).isEqualTo(reports.toRealPath().resolve("2025/03/销售月报.xlsx"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "2025/../../secret.txt", "2025/03/../../../secret.txt", "/etc/passwd",
            "/" + "tmp/secret.txt", "..", ".", "./sales-2025-03.pdf", "2025//03/x", "..\\secret.txt", "C:\\secret.txt",
            "sales\u0000.pdf", ".hidden", "~/secret.txt", "2025/03/"})
    void refusesAnythingButAPlainRelativeName(String name) {
        assertThatThrownBy(() -> files.resolve(name))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("parameter file=");
    }

    @Test
    void aSymlinkLeadingOutIsNotFound() {
        assertThatThrownBy(() -> files.resolve("escape.pdf")).isInstanceOf(ReportFiles.NotFound.class);
        assertThatThrownBy(() -> files.resolve("escape-dir/secret.txt")).isInstanceOf(ReportFiles.NotFound.class);
    }

    @Test
    void aSymlinkStayingInsideIsFollowed() throws Exception {
        assertThat(files.resolve("inside.pdf")).isEqualTo(reports.toRealPath().resolve("sales-2025-03.pdf"));
    }

    @Test
    void aDirectoryOrAMissingFileIsNotFound() {
        assertThatThrownBy(() -> files.resolve("2025")).isInstanceOf(ReportFiles.NotFound.class);
        assertThatThrownBy(() -> files.resolve("nope.pdf")).isInstanceOf(ReportFiles.NotFound.class);
    }

    @Test
    void theListHoldsOnlyFilesInsideAndNoHiddenOnes() {
        assertThat(files.list()).extracting(ReportFiles.Report::file)
                .containsExactly("2025/03/销售月报.xlsx", "inside.pdf", "sales-2025-03.pdf");
    }

    @Test
    void noDirectoryMeansNothingToList() {
        assertThat(new ReportFiles(null).list()).isEmpty();
        assertThatThrownBy(() -> new ReportFiles(null).resolve("a.pdf")).isInstanceOf(ReportFiles.NotFound.class);
    }

    @Test
    void contentDispositionCarriesAnAsciiFallbackAndTheUtf8Name() {
        assertThat(ReportFiles.contentDisposition("销售月报 \"3\".xlsx"))
                .isEqualTo("attachment; filename=\"____ _3_.xlsx\"; filename*=UTF-8''%E9%94%80%E5%94%AE%E6%9C%88%E6%8A%A5%20%223%22.xlsx");
    }
}
