package dsmart.reports;

import static java.util.Objects.requireNonNull;

import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.export.ooxml.JRXlsxExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimpleXlsxReportConfiguration;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * 月度销售报表 (Monthly sales): month × region × channel with a totals row, then the ten customers
 * with the highest revenue. Read through the serving port only; written as PDF and XLSX.
 *
 * <p>The layout is {@code dsmart/reports/sales_monthly.jrxml}, compiled once per JVM. Its text uses the
 * "Noto Sans SC" family of this module's font extension, so Chinese survives the PDF export.
 */
public final class SalesMonthlyReport {

    /** The report's name: the stem of the files it writes. */
    public static final String NAME = "sales_monthly";

    /** How many customers the "重点客户 Top customers" section lists. */
    public static final int TOP_CUSTOMERS = 10;

    static final String MONTHLY_SQL = """
            SELECT month, region_code, COALESCE(region_name, region_code) AS region_name, channel,
                   orders, revenue, gross_profit, new_customers
            FROM mart.sales_monthly
            ORDER BY month, region_code,
                     CASE channel WHEN 'phone' THEN 1 WHEN 'online' THEN 2 WHEN 'door_to_door' THEN 3 ELSE 4 END, channel""";

    // A constant row count (not a bound value): FETCH FIRST is the ANSI form that DuckDB and Trino both run.
    static final String TOP_CUSTOMERS_SQL = """
            SELECT customer_id, customer_name, region_name, orders, revenue
            FROM mart.customer_sales
            ORDER BY revenue DESC NULLS LAST, customer_id
            FETCH FIRST %d ROWS ONLY""".formatted(TOP_CUSTOMERS);

    /** The queries this report runs. */
    public static List<NamedQuery> queries() {
        return List.of(new NamedQuery("report sales_monthly rows", MONTHLY_SQL, List.of()),
                new NamedQuery("report sales_monthly top customers", TOP_CUSTOMERS_SQL, List.of()));
    }

    /** How the report shows the channel codes of mart.sales_monthly; an unknown code is shown as it is. */
    static final Map<String, String> CHANNEL_LABELS = Map.of(
            "phone", "电话销售",
            "online", "网络销售",
            "door_to_door", "上门拜访");

    /** Money and counts print with these patterns, in this locale (thousands separator ",", decimal point "."). */
    static final String MONEY_PATTERN = "#,##0.00";
    static final Locale LOCALE = Locale.SIMPLIFIED_CHINESE;

    private static final String TEMPLATE = "dsmart/reports/sales_monthly.jrxml";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    private static final DateTimeFormatter GENERATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '('VV')'");

    private static JasperReport compiled;

    private SalesMonthlyReport() {}

    /**
     * Reads the marts through {@code port} and writes {@code directory/sales_monthly.pdf} and
     * {@code directory/sales_monthly.xlsx} (creating the directory, replacing older files).
     * The generated-at time is shown in {@code zone}. Empty marts give a report that says 无数据.
     */
    public static RenderedReport render(MartQuery port, Path directory, ZoneId zone) {
        requireNonNull(zone, "zone");
        return render(port, directory, zone, Clock.system(zone));
    }

    static RenderedReport render(MartQuery port, Path directory, ZoneId zone, Clock clock) {
        requireNonNull(port, "port");
        requireNonNull(directory, "directory");
        requireNonNull(zone, "zone");
        requireNonNull(clock, "clock");

        QueryResult monthly = port.query(MONTHLY_SQL);
        QueryResult customers = port.query(TOP_CUSTOMERS_SQL);
        Map<String, Long> snapshots = new TreeMap<>(monthly.snapshots());
        snapshots.putAll(customers.snapshots());

        List<Map<String, ?>> detail = monthly.asMaps().stream().map(SalesMonthlyReport::detailRow).collect(Collectors.toList());
        List<Map<String, ?>> top = customers.asMaps().stream().map(SalesMonthlyReport::customerRow).collect(Collectors.toList());

        Map<String, Object> parameters = new HashMap<>(); // Jasper adds its own entries: keep it mutable
        parameters.put("GENERATED_AT", GENERATED_AT.format(ZonedDateTime.now(clock).withZoneSameInstant(zone)));
        parameters.put("SNAPSHOTS", describe(snapshots));
        parameters.put("TOP_CUSTOMERS", new JRMapCollectionDataSource(top));
        parameters.put("TOP_CUSTOMER_COUNT", top.size());
        parameters.put(JRParameter.REPORT_LOCALE, LOCALE);
        parameters.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(zone));

        JasperPrint print;
        try {
            print = JasperFillManager.fillReport(template(), parameters, new JRMapCollectionDataSource(detail));
        } catch (JRException e) {
            throw new ReportException(NAME + ": filling failed: " + e.getMessage(), e);
        }

        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(NAME + ": cannot create " + directory, e);
        }
        Path pdf = directory.resolve(NAME + ".pdf");
        Path xlsx = directory.resolve(NAME + ".xlsx");
        write(pdf, out -> exportPdf(print, out));
        write(xlsx, out -> exportXlsx(print, out));
        return new RenderedReport(NAME, List.of(pdf, xlsx), snapshots, detail.size());
    }

    /** The compiled layout, compiled on first use and kept for the life of the JVM. */
    static synchronized JasperReport template() {
        if (compiled == null) {
            try (InputStream jrxml = SalesMonthlyReport.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
                if (jrxml == null) {
                    throw new IllegalStateException(NAME + ": " + TEMPLATE + " is not on the classpath");
                }
                compiled = JasperCompileManager.compileReport(jrxml);
            } catch (IOException e) {
                throw new UncheckedIOException(NAME + ": cannot read " + TEMPLATE, e);
            } catch (JRException e) {
                throw new ReportException(NAME + ": " + TEMPLATE + " does not compile: " + e.getMessage(), e);
            }
        }
        return compiled;
    }

    static String channelLabel(Object code) {
        if (code == null) {
            return "";
        }
        return CHANNEL_LABELS.getOrDefault(code.toString(), code.toString());
    }

    static String describe(Map<String, Long> snapshots) {
        if (snapshots.isEmpty()) {
            return "无 (the tables read carry no snapshot ids)";
        }
        return snapshots.entrySet().stream()
                .map(e -> e.getKey() + "@" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Map<String, ?> detailRow(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("month_label", monthLabel(row.get("month")));
        out.put("region_name", text(row.get("region_name")));
        out.put("channel_label", channelLabel(row.get("channel")));
        out.put("orders", toLong(row.get("orders")));
        out.put("revenue", toDecimal(row.get("revenue")));
        out.put("gross_profit", toDecimal(row.get("gross_profit")));
        out.put("new_customers", toLong(row.get("new_customers")));
        return out;
    }

    private static Map<String, ?> customerRow(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer_name", text(row.get("customer_name")));
        out.put("region_name", text(row.get("region_name")));
        out.put("orders", toLong(row.get("orders")));
        out.put("revenue", toDecimal(row.get("revenue")));
        return out;
    }

    private static String monthLabel(Object month) {
        if (month instanceof LocalDate date) {
            return MONTH.format(date);
        }
        if (month instanceof LocalDateTime dateTime) {
            return MONTH.format(dateTime);
        }
        return text(month);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    // The port promises Long and BigDecimal; other engines' integer or decimal types are folded in here
    // so that the JRXML's field classes always match.
    private static Long toLong(Object value) {
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException(NAME + ": expected an integer, got " + value.getClass().getName() + " " + value);
    }

    private static BigDecimal toDecimal(Object value) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        throw new IllegalArgumentException(NAME + ": expected a decimal, got " + value.getClass().getName() + " " + value);
    }

    private interface Export {
        void to(OutputStream out) throws JRException;
    }

    /** Exports into a temporary file beside the target, then renames it: readers never see half a file. */
    private static void write(Path target, Export export) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                export.to(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(NAME + ": cannot write " + target, e);
        } catch (JRException e) {
            throw new ReportException(NAME + ": exporting " + target.getFileName() + " failed: " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the export itself already succeeded or failed with its own error
                }
            }
        }
    }

    private static void exportPdf(JasperPrint print, OutputStream out) throws JRException {
        JRPdfExporter exporter = new JRPdfExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
        configuration.setMetadataTitle("月度销售报表 Monthly sales");
        configuration.setMetadataCreator("dsmart");
        exporter.setConfiguration(configuration);
        exporter.exportReport();
    }

    private static void exportXlsx(JasperPrint print, OutputStream out) throws JRException {
        JRXlsxExporter exporter = new JRXlsxExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimpleXlsxReportConfiguration configuration = new SimpleXlsxReportConfiguration();
        configuration.setOnePagePerSheet(false);
        exporter.setConfiguration(configuration);
        exporter.exportReport();
    }
}
