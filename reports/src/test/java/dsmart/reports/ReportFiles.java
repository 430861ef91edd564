package dsmart.reports;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads back what a report wrote: the PDF's text through poppler's pdftotext, the XLSX's sheet XML. */
final class ReportFiles {
    private ReportFiles() {}

    /** {@code pdftotext -layout <pdf> -}; a missing binary fails the test (it must never pass silently). */
    static String pdfText(Path pdf) {
        return poppler("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
    }

    /** {@code pdffonts <pdf>}: the fonts the PDF uses, whether they are embedded, their encoding. */
    static String pdfFonts(Path pdf) {
        return poppler("pdffonts", pdf.toString());
    }

    private static String poppler(String... command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return fail("cannot run " + command[0] + " (" + e.getMessage() + "): install poppler-utils, e.g. apt-get install -y poppler-utils");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(command[0] + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                return fail(String.join(" ", command) + " exited with " + process.exitValue());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command[0]);
        }
    }

    /** The text of every worksheet and of the shared strings, concatenated (opening it proves it is a zip). */
    static String xlsxXml(Path xlsx) throws IOException {
        StringBuilder xml = new StringBuilder();
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if ((name.startsWith("xl/worksheets/") && name.endsWith(".xml")) || name.equals("xl/sharedStrings.xml")) {
                    xml.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return xml.toString();
    }
}
