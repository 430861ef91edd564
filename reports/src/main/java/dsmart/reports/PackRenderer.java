package dsmart.reports;

import static java.util.Objects.requireNonNull;

import dsmart.reports.ReportPack.Answers;
import dsmart.reports.ReportPack.Document;
import dsmart.reports.ReportPack.Fill;
import dsmart.reports.ReportPack.Format;
import dsmart.reports.ReportPack.Table;
import dsmart.serving.Column;
import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import dsmart.serving.RowSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.export.ooxml.JRXlsxExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimpleXlsxReportConfiguration;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * Renders one request of one pack into a work directory: runs the pack's queries through the port,
 * fills and exports its documents, streams its tables. Every table the pack reads must be read at one
 * snapshot; if the lake moves on while a pack is read (a transform published in between) the pack is
 * read again, up to {@value #ATTEMPTS} times.
 */
final class PackRenderer {
    static final int ATTEMPTS = 3;

    /** One file written: the output's suffix, its format, where it is, and how many rows it holds. */
    record RenderedFile(String suffix, Format format, Path path, long rows) {}

    /** What a rendering produced, before it is archived. */
    record Rendered(ReportPack pack, ReportRequest request, ZonedDateTime generatedAt, Map<String, Long> snapshots,
                    List<RenderedFile> files) {
        Rendered {
            snapshots = Collections.unmodifiableMap(new TreeMap<>(snapshots));
            files = List.copyOf(files);
        }
    }

    private PackRenderer() {}

    static Rendered render(ReportPack pack, ReportRequest request, MartQuery port, Path work, Clock clock, ZoneId zone) {
        requireNonNull(port, "port");
        check(pack, request);
        Labels labels = Labels.of(pack.labels(), request.language());
        if (pack.documents().stream().anyMatch(d -> d.formats().contains(Format.PDF))) {
            CjkFont.require();
        }
        for (int attempt = 1; ; attempt++) {
            Path directory = work.resolve("attempt-" + attempt);
            try {
                Files.createDirectories(directory);
                return attempt(pack, request, labels, port, directory, clock, zone);
            } catch (SnapshotsMoved moved) {
                if (attempt == ATTEMPTS) {
                    throw new ReportException(pack.name() + ": the lake kept changing while the pack was read (" + moved.getMessage()
                            + "); generate it again once the transforms are done", moved);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(pack.name() + ": cannot create " + directory, e);
            }
        }
    }

    /** Refuses what the pack cannot honour: another period kind, a scope its SQL cannot apply. */
    static void check(ReportPack pack, ReportRequest request) {
        if (!pack.name().equals(request.pack())) {
            throw new IllegalArgumentException("request for pack " + request.pack() + " given to pack " + pack.name());
        }
        if (!pack.periodKinds().contains(request.period().kind())) {
            throw new IllegalArgumentException("pack " + pack.name() + " takes a period of kind " + pack.periodKinds()
                    + " (" + (pack.periodKinds().contains(Period.Kind.MONTH) ? "YYYY-MM" : "YYYY") + "), not " + request.period());
        }
        Scope.Dimension dimension = request.scope().dimension();
        if (dimension != null && !pack.scopeDimensions().contains(dimension)) {
            throw new Scope.ScopeException("pack " + pack.name() + " cannot be limited to " + request.scope() + " yet: its marts have no "
                    + dimension.name().toLowerCase(java.util.Locale.ROOT) + " column (it can be limited by " + pack.scopeDimensions() + ")");
        }
    }

    private static Rendered attempt(ReportPack pack, ReportRequest request, Labels labels, MartQuery port, Path directory,
                                    Clock clock, ZoneId zone) {
        Snapshots seen = new Snapshots();
        Map<String, QueryResult> answers = new LinkedHashMap<>();
        for (NamedQuery query : pack.queries(request.period(), request.scope())) {
            if (pack.optionalQueries().contains(query.name()) && !MartPresence.absent(port, List.of(query.sql())).isEmpty()) {
                continue;
            }
            QueryResult result = port.query(query.sql(), query.params());
            seen.add(query.name(), result.snapshots());
            answers.put(query.name(), result);
        }
        Map<String, Long> documentSnapshots = seen.all();
        ZonedDateTime generatedAt = ZonedDateTime.now(clock).withZoneSameInstant(zone).truncatedTo(ChronoUnit.SECONDS);
        String title = labels.text("title");
        List<RenderedFile> files = new ArrayList<>();

        for (Document document : pack.documents(new Answers(answers))) {
            Stamp stamp = new Stamp(title, request.period(), request.scope(), generatedAt, documentSnapshots, request.requestedBy());
            Fill fill = pack.fill(document, new Answers(answers), labels, request.period());
            JasperPrint print = fill(pack, document, fill, stamp, labels, zone);
            for (Format format : document.formats()) {
                Path file = directory.resolve(fileName(document.suffix(), format));
                write(pack, file, out -> export(print, format, labels, stamp, out));
                files.add(new RenderedFile(document.suffix(), format, file, fill.rows().size()));
            }
        }
        List<Table> tables = pack.tables(request.period(), request.scope());
        for (int i = 0; i < tables.size(); ) {
            int end = i + 1;
            while (end < tables.size() && tables.get(end - 1).sharesWorkbookWith(tables.get(end))) {
                end++;
            }
            files.addAll(end - i == 1
                    ? stream(pack, tables.get(i), request, labels, title, generatedAt, port, seen, directory)
                    : workbook(pack, tables.subList(i, end), request, labels, title, generatedAt, port, seen, directory));
            i = end;
        }
        return new Rendered(pack, request, generatedAt, seen.all(), files);
    }

    private static String fileName(String suffix, Format format) {
        return (suffix.isEmpty() ? "main" : suffix) + "." + format.extension();
    }

    private static JasperPrint fill(ReportPack pack, Document document, Fill fill, Stamp stamp, Labels labels, ZoneId zone) {
        Map<String, Object> parameters = new HashMap<>(fill.parameters()); // Jasper adds its own entries: keep it mutable
        parameters.putAll(stamp.parameters(labels));
        parameters.put("ROW_COUNT", fill.rows().size());
        parameters.put(JRParameter.REPORT_RESOURCE_BUNDLE, labels.asResourceBundle());
        parameters.put(JRParameter.REPORT_LOCALE, labels.language().locale());
        parameters.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(zone));
        @SuppressWarnings("unchecked")
        Collection<Map<String, ?>> rows = (Collection<Map<String, ?>>) (Collection<?>) fill.rows();
        try {
            return JasperFillManager.fillReport(Templates.compiled(document.template()), parameters, new JRMapCollectionDataSource(rows));
        } catch (JRException e) {
            throw new ReportException(pack.name() + ": filling " + document.template() + " failed: " + e.getMessage(), e);
        }
    }

    private static List<RenderedFile> stream(ReportPack pack, Table table, ReportRequest request, Labels labels, String title,
                                             ZonedDateTime generatedAt, MartQuery port, Snapshots seen, Path directory) {
        Map<Format, TableFile> files = new LinkedHashMap<>();
        Map<Format, Path> paths = new LinkedHashMap<>();
        for (Format format : table.formats()) {
            Path path = directory.resolve(fileName(table.suffix(), format));
            paths.put(format, path);
            files.put(format, format == Format.XLSX
                    ? new XlsxTableFile(path, table.columns(), labels)
                    : new CsvTableFile(path, table.columns(), labels));
        }
        RuntimeException failure = null;
        try {
            port.stream(table.query().sql(), table.query().params(), new RowSink() {
                private int[] indexes;

                @Override
                public void start(List<Column> columns, Map<String, Long> snapshots) {
                    seen.add(table.query().name(), snapshots);
                    indexes = indexes(table, columns);
                    Stamp stamp = new Stamp(title, request.period(), request.scope(), generatedAt, snapshots, request.requestedBy());
                    files.values().forEach(file -> file.start(stamp));
                }

                @Override
                public void row(List<Object> values) {
                    List<Object> row = new ArrayList<>(indexes.length);
                    for (int i = 0; i < indexes.length; i++) {
                        TableColumn column = table.columns().get(i);
                        Object value = values.get(indexes[i]);
                        row.add(TableFile.value(column, column.type() == TableColumn.Type.CODE ? labels.code(column.codePrefix(), value) : value));
                    }
                    for (TableFile file : files.values()) {
                        file.row(row);
                    }
                }
            });
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            for (TableFile file : files.values()) {
                try {
                    file.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        }
        List<RenderedFile> rendered = new ArrayList<>();
        files.forEach((format, file) -> rendered.add(new RenderedFile(table.suffix(), format, paths.get(format), file.rows())));
        return rendered;
    }

    /**
     * Tables that share one workbook, a data sheet each, streamed one after the other. Its About sheet is written
     * first, so it is stamped with every table read so far (the documents' queries) and the first table's.
     */
    private static List<RenderedFile> workbook(ReportPack pack, List<Table> tables, ReportRequest request, Labels labels, String title,
                                               ZonedDateTime generatedAt, MartQuery port, Snapshots seen, Path directory) {
        Table first = tables.get(0);
        Path path = directory.resolve(fileName(first.suffix(), Format.XLSX));
        XlsxTableFile file = new XlsxTableFile(path, first.columns(), labels);
        file.sheetLabel(first.sheet());
        RuntimeException failure = null;
        try {
            for (Table table : tables) {
                port.stream(table.query().sql(), table.query().params(), new RowSink() {
                    private int[] indexes;

                    @Override
                    public void start(List<Column> columns, Map<String, Long> snapshots) {
                        seen.add(table.query().name(), snapshots);
                        indexes = indexes(table, columns);
                        if (table == first) {
                            Map<String, Long> stamped = new TreeMap<>(seen.all());
                            stamped.putAll(snapshots);
                            file.start(new Stamp(title, request.period(), request.scope(), generatedAt, stamped, request.requestedBy()));
                        } else {
                            file.nextTable(table.columns(), table.sheet());
                        }
                    }

                    @Override
                    public void row(List<Object> values) {
                        file.row(values(table, indexes, values, labels));
                    }
                });
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                file.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
        return List.of(new RenderedFile(first.suffix(), Format.XLSX, path, file.rows()));
    }

    private static List<Object> values(Table table, int[] indexes, List<Object> values, Labels labels) {
        List<Object> row = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            TableColumn column = table.columns().get(i);
            Object value = values.get(indexes[i]);
            row.add(TableFile.value(column, column.type() == TableColumn.Type.CODE ? labels.code(column.codePrefix(), value) : value));
        }
        return row;
    }

    private static int[] indexes(Table table, List<Column> columns) {
        int[] indexes = new int[table.columns().size()];
        for (int i = 0; i < indexes.length; i++) {
            String name = table.columns().get(i).column();
            indexes[i] = -1;
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equalsIgnoreCase(name)) {
                    indexes[i] = c;
                }
            }
            if (indexes[i] < 0) {
                throw new IllegalStateException("table " + table.query().name() + ": its query has no column " + name + " (it has "
                        + columns.stream().map(Column::name).toList() + ")");
            }
        }
        return indexes;
    }

    private interface Export {
        void to(OutputStream out) throws JRException;
    }

    private static void write(ReportPack pack, Path file, Export export) {
        try (OutputStream out = Files.newOutputStream(file)) {
            export.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(pack.name() + ": cannot write " + file, e);
        } catch (JRException e) {
            throw new ReportException(pack.name() + ": exporting " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    private static void export(JasperPrint print, Format format, Labels labels, Stamp stamp, OutputStream out) throws JRException {
        switch (format) {
            case PDF -> {
                JRPdfExporter exporter = new JRPdfExporter();
                exporter.setExporterInput(new SimpleExporterInput(print));
                exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
                SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
                configuration.setMetadataTitle(stamp.title() + " " + stamp.period());
                configuration.setMetadataSubject(stamp.scope().describe(labels) + "; " + stamp.generatedAtText() + "; " + stamp.snapshotsText(labels));
                configuration.setMetadataAuthor(stamp.requestedBy());
                configuration.setMetadataCreator("dsmart");
                exporter.setConfiguration(configuration);
                exporter.exportReport();
            }
            case XLSX -> {
                JRXlsxExporter exporter = new JRXlsxExporter();
                exporter.setExporterInput(new SimpleExporterInput(print));
                exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
                SimpleXlsxReportConfiguration configuration = new SimpleXlsxReportConfiguration();
                configuration.setOnePagePerSheet(false);
                configuration.setSheetNames(new String[] {org.apache.poi.ss.util.WorkbookUtil.createSafeSheetName(labels.text("title"))});
                exporter.setConfiguration(configuration);
                exporter.exportReport();
            }
            case CSV -> throw new IllegalArgumentException("documents are not exported to CSV");
        }
    }

    /** Table → snapshot id over every query of one rendering; a second id for a table means the lake moved. */
    static final class Snapshots {
        private final Map<String, Long> ids = new TreeMap<>();
        private final Map<String, String> readBy = new HashMap<>();

        void add(String query, Map<String, Long> snapshots) {
            snapshots.forEach((table, id) -> {
                Long known = ids.putIfAbsent(table, id);
                if (known != null && !known.equals(id)) {
                    throw new SnapshotsMoved(table + " was at snapshot " + known + " for \"" + readBy.get(table) + "\" and at " + id
                            + " for \"" + query + "\"");
                }
                readBy.putIfAbsent(table, query);
            });
        }

        Map<String, Long> all() {
            return new TreeMap<>(ids);
        }
    }

    static final class SnapshotsMoved extends RuntimeException {
        SnapshotsMoved(String message) {
            super(message);
        }
    }
}
