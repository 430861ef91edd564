package dsmart.reports;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads back what a pack wrote: the PDF's text through poppler's pdftotext, the XLSX's sheet XML, CSV records. */
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

    /** Rows ({@code <row} elements) of each worksheet, by entry name, counted while streaming (works for huge sheets). */
    static java.util.Map<String, Long> xlsxRowCounts(Path xlsx) throws IOException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        byte[] needle = "<row ".getBytes(StandardCharsets.US_ASCII);
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("xl/worksheets/sheet")) {
                    continue;
                }
                long count = 0;
                int matched = 0;
                try (InputStream in = new java.io.BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
                    for (int b; (b = in.read()) >= 0; ) {
                        matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0);
                        if (matched == needle.length) {
                            count++;
                            matched = 0;
                        }
                    }
                }
                counts.put(entry.getName(), count);
            }
        }
        return counts;
    }

    /** A CSV file's records (RFC 4180: quoted fields may hold commas, quotes doubled, CRLF inside quotes), BOM removed. */
    static List<List<String>> csv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** The records after a CSV's stamp lines and the empty line that ends them: the header, then the data. */
    static List<List<String>> csvTable(Path file) throws IOException {
        List<List<String>> records = csv(file);
        int blank = records.indexOf(List.of(""));
        return records.subList(blank + 1, records.size());
    }
}
