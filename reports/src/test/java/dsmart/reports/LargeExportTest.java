package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.reports.ReportPack.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 200,000-row customer-sales export, generated in a separate JVM limited to a 1 GB heap. */
class LargeExportTest {
    static final int ROWS = 200_000;

    @TempDir
    static Path archive;
    private static String output;
    private static int exitCode;
    private static ArchivedReport report;

    @BeforeAll
    static void exportInAOneGigabyteJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = archive.resolve("out.txt");
        Process process = new ProcessBuilder(java, "-Xmx1g", "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), LargeExport.class.getName(), Integer.toString(ROWS), archive.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the export did not finish within 5 minutes");
        }
        exitCode = process.exitValue();
        output = Files.readString(log, StandardCharsets.UTF_8);
        if (exitCode == 0) {
            try (Stream<Path> files = Files.walk(archive)) {
                Path manifest = files.filter(f -> f.toString().endsWith(".manifest.json")).findFirst().orElseThrow();
                Manifest read = Manifest.read(manifest);
                report = new ArchivedReport(read, manifest, read.files().stream().map(f -> manifest.resolveSibling(f.name())).toList());
            }
        }
    }

    @Test
    void finishesWithinAOneGigabyteHeap() {
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("rows=" + ROWS).contains("max_heap_mb=1024");
    }

    @Test
    void theXlsxHoldsEveryRowOnOneDataSheetAfterTheStampSheet() throws Exception {
        assertThat(exitCode).as(output).isZero();

        // sheet1 is the stamp (6 lines), sheet2 the header and the rows
        assertThat(ReportFiles.xlsxRowCounts(report.file(Format.XLSX)).values()).containsExactly(6L, (long) ROWS + 1);
    }

    @Test
    void theCsvHoldsEveryRow() throws Exception {
        assertThat(exitCode).as(output).isZero();
        Path csv = report.file(Format.CSV);
        long lines;
        try (Stream<String> all = Files.lines(csv, StandardCharsets.UTF_8)) {
            lines = all.count();
        }

        assertThat(lines).isEqualTo(6 + 1 + 1 + ROWS); // stamp, empty line, header, rows
        assertThat(report.manifest().files()).extracting(Manifest.FileEntry::rows).containsExactly((long) ROWS, (long) ROWS);
    }

    @Test
    void rowsAreInDescendingRevenueOrder() throws Exception {
        assertThat(exitCode).as(output).isZero();
        List<String> firstTwo;
        try (Stream<String> all = Files.lines(report.file(Format.CSV), StandardCharsets.UTF_8)) {
            firstTwo = all.skip(8).limit(2).toList();
        }
        double first = Double.parseDouble(firstTwo.get(0).split(",")[4]);
        double second = Double.parseDouble(firstTwo.get(1).split(",")[4]);
        assertThat(first).isGreaterThanOrEqualTo(second);
    }
}
