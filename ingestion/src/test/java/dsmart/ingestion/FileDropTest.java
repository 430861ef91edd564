package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and XLSX files dropped in a feed's inbox: mapping, encodings, separators, quarantine, checksums. */
class FileDropTest {
    private static final String HEADER = "订单号,customer_id,order_date,amount,channel,qty";
    private static final String DATE_REASON = "is not a date (setting ingest.feed.sales.date.format)";

    @TempDir
    Path dir;

    private Settings settings() {
        Map<String, String> s = new HashMap<>();
        s.put("data.dir", dir.toString());
        s.put("ingest.tables", "");
        s.put("ingest.lock.wait.seconds", "0");
        s.put("spark.shuffle.partitions", "2");
        // sales: UTF-8, comma-separated, thousands ',' (so amounts of 1,000 and more are quoted), a Chinese header for the key
        s.put("ingest.feed.sales.columns", "order_no:string, customer_id:bigint, order_date:date, amount:decimal(18,2), channel:string, qty:int");
        s.put("ingest.feed.sales.key", "order_no");
        s.put("ingest.feed.sales.header.order_no", "订单号");
        s.put("ingest.feed.sales.required", "customer_id, order_date");
        s.put("ingest.feed.sales.accepted.channel", "web|store|phone");
        s.put("ingest.feed.sales.thousands.separator", ",");
        // shops: GBK, semicolons, decimal comma and thousands dot, day.month.year, Chinese headers
        s.put("ingest.feed.shops.columns", "shop_id:int, shop_name:string, opened_on:date, area:decimal(10,2)");
        s.put("ingest.feed.shops.key", "shop_id");
        s.put("ingest.feed.shops.header.shop_id", "门店编号");
        s.put("ingest.feed.shops.header.shop_name", "门店名称");
        s.put("ingest.feed.shops.header.opened_on", "开业日期");
        s.put("ingest.feed.shops.header.area", "面积");
        s.put("ingest.feed.shops.encoding", "GBK");
        s.put("ingest.feed.shops.delimiter", ";");
        s.put("ingest.feed.shops.decimal.separator", ",");
        s.put("ingest.feed.shops.thousands.separator", ".");
        s.put("ingest.feed.shops.date.format", "dd.MM.yyyy");
        // prices: UTF-8 with BOM and CRLF line ends
        s.put("ingest.feed.prices.columns", "sku:string, price:decimal(18,2), valid_from:date, active:boolean");
        s.put("ingest.feed.prices.key", "sku");
        // visits: XLSX with typed cells
        s.put("ingest.feed.visits.columns", "visit_id:bigint, rep:string, visited_at:timestamp, amount:decimal(12,2), customer_no:string");
        s.put("ingest.feed.visits.key", "visit_id");
        s.put("ingest.feed.visits.header.visited_at", "拜访时间");
        return Settings.builder().overrides(s).build();
    }

    private static List<Ingestion.TableResult> ingest(Settings settings) {
        return Ingestion.run(settings, Progress.silent("test"));
    }

    private Path inbox(String feed) throws IOException {
        return Files.createDirectories(dir.resolve("inbox").resolve(feed));
    }

    private static TreeSet<String> lake(Settings settings, String sql) {
        return JdbcFixture.lake(settings, sql);
    }

    /** Data row i of the sales file, as written and as raw must hold it. */
    private static String salesLine(int i) {
        long amount = i * 1237L + 50;
        String money = String.format(java.util.Locale.ROOT, "%,d.%02d", amount / 100, amount % 100);
        return String.format("SO-%04d,%d,%s,%s,%s,%d", i, 1 + i % 30, LocalDate.of(2025, 3, 1 + i % 28),
                money.contains(",") ? "\"" + money + "\"" : money, new String[] {"web", "store", "phone"}[i % 3], 1 + i % 7);
    }

    private static String salesRaw(int i) {
        long amount = i * 1237L + 50;
        return String.format("SO-%04d|%d|%s|%d.%02d|%s|%d", i, 1 + i % 30, LocalDate.of(2025, 3, 1 + i % 28), amount / 100, amount % 100,
                new String[] {"web", "store", "phone"}[i % 3], 1 + i % 7);
    }

    @Test
    void malformedRowsOfACsvAreQuarantinedWithEveryReason() throws IOException {
        Settings settings = settings();
        // 200 data rows, 10 of them (5 %) malformed; line n of the file holds data row n - 1 (line 1 is the header).
        Map<Integer, String> broken = new TreeMap<>();
        broken.put(10, "SO-0010,11,2025-02-30,10.00,web,1");               // no 30 February
        broken.put(20, "SO-0020,21,2025-03-05,12.3x,web,1");               // not a number
        broken.put(30, ",1,2025-03-05,10.00,web,1");                       // key missing
        broken.put(50, "SO-0050,1,2025-03-05,10.00,web,1,EXTRA");          // one field too many
        broken.put(60, "SO-0060,1,2025-03-05,10.00,web");                  // one field short
        broken.put(70, "SO-0070,1,2025-03-05,10.00,fax,abc");              // channel not accepted, qty not a number
        broken.put(80, "SO-0080,1,2025-03-05,10.00,web,1");                // same key as the next row
        broken.put(81, "SO-0080,2,2025-03-06,11.00,store,2");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        String gbkPrefix = "SO-0040,1,2025-03-05,10.00,";
        for (int i = 1; i <= 200; i++) {
            if (i == 40) { // a value written in GBK into a UTF-8 file
                file.write(gbkPrefix.getBytes(StandardCharsets.UTF_8));
                file.write("网店,1\n".getBytes(Charset.forName("GBK")));
            } else if (i == 200) { // the writer died mid-line
                file.write("SO-0200,17,2025-0".getBytes(StandardCharsets.UTF_8));
            } else {
                file.write(((broken.containsKey(i) ? broken.get(i) : salesLine(i)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(inbox("sales").resolve("orders-2025-03.csv"), file.toByteArray());

        ingest(settings);

        Map<String, String> expected = new TreeMap<>();
        expected.put("line 11", "order_date: '2025-02-30' " + DATE_REASON);
        expected.put("line 21", "amount: '12.3x' is not a number");
        expected.put("line 31", "order_no: required (key), but empty");
        expected.put("line 41", "line 41 is not valid UTF-8 (undecodable bytes at byte " + (gbkPrefix.length() + 1) + " of the line)"
                + " / channel: '" + new String("网店".getBytes(Charset.forName("GBK")), StandardCharsets.UTF_8) + "' is not one of web|store|phone");
        expected.put("line 51", "has 7 fields, the header has 6");
        expected.put("line 61", "has 5 fields, the header has 6");
        expected.put("line 71", "channel: 'fax' is not one of web|store|phone / qty: 'abc' is not a whole number");
        expected.put("line 81", "key order_no=SO-0080 is also on line 82 of this file");
        expected.put("line 82", "key order_no=SO-0080 is also on line 81 of this file");
        expected.put("line 201", "has 3 fields, the header has 6 / order_date: '2025-0' " + DATE_REASON
                + " / truncated last line: the file ends without a line end");
        Map<String, String> quarantined = new TreeMap<>();
        SparkSession spark = Sparks.session(settings);
        spark.sql("SELECT locator, array_join(from_json(reasons, 'array<string>'), ' / '), source, record, run_id FROM quarantine.feed_sales").collectAsList().forEach(r -> {
            quarantined.put(r.getString(0), r.getString(1));
            assertThat(r.getString(2)).isEqualTo("sales/orders-2025-03.csv");
            assertThat(r.getString(4)).isNotBlank();
        });
        assertThat(quarantined).isEqualTo(expected);
        assertThat(lake(settings, "SELECT record FROM quarantine.feed_sales WHERE locator = 'line 71'"))
                .containsExactly("SO-0070,1,2025-03-05,10.00,fax,abc");

        TreeSet<String> good = new TreeSet<>();
        for (int i = 1; i <= 200; i++) {
            if (!broken.containsKey(i) && i != 40 && i != 200) {
                good.add(salesRaw(i));
            }
        }
        assertThat(good).hasSize(190);
        assertThat(lake(settings, "SELECT order_no, customer_id, order_date, amount, channel, qty FROM raw.feed_sales")).isEqualTo(good);
        assertThat(JdbcFixture.lastLedger(settings)).containsOnly(Map.entry("raw.feed_sales", "file|200|190|190|0|0|0|10"));
        assertThat(lake(settings, "SELECT file_name, status, rows_read, rows_loaded, rows_quarantined FROM ops.files"))
                .containsExactly("orders-2025-03.csv|loaded|200|190|10");
    }

    @Test
    void aGbkFileWithDecimalCommasLoads() throws IOException {
        Settings settings = settings();
        String text = "门店编号;门店名称;开业日期;面积\n"
                + "1;上海南京路店;01.03.2024;1.234,50\n"
                + "2;\"北京王府井店; 旗舰\";15.11.2023;980,00\n"
                + "3;广州天河店;29.02.2024;12.345,75\n";
        Files.write(inbox("shops").resolve("门店.csv"), text.getBytes(Charset.forName("GBK")));

        ingest(settings);

        assertThat(lake(settings, "SELECT shop_id, shop_name, opened_on, area FROM raw.feed_shops")).containsExactly(
                "1|上海南京路店|2024-03-01|1234.50", "2|北京王府井店; 旗舰|2023-11-15|980.00", "3|广州天河店|2024-02-29|12345.75");
        assertThat(Sparks.session(settings).catalog().tableExists("quarantine.feed_shops")).isFalse();
    }

    @Test
    void aUtf8FileWithABomAndCrlfLineEndsLoads() throws IOException {
        Settings settings = settings();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("sku,price,valid_from,active\r\nA-1,12.50,2025-01-01,true\r\nB-2,7,2025-02-01,no\r\n".getBytes(StandardCharsets.UTF_8));
        Files.write(inbox("prices").resolve("prices.csv"), bytes.toByteArray());

        ingest(settings);

        assertThat(lake(settings, "SELECT sku, price, valid_from, active FROM raw.feed_prices"))
                .containsExactly("A-1|12.50|2025-01-01|true", "B-2|7.00|2025-02-01|false");
    }

    @Test
    void anXlsxFileWithTypedCellsLoads() throws IOException {
        Settings settings = settings();
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(inbox("visits").resolve("visits.xlsx"))) {
            Sheet sheet = workbook.createSheet("拜访");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            Row header = sheet.createRow(0);
            String[] names = {"visit_id", "rep", "拜访时间", "amount", "customer_no"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            Row one = sheet.createRow(1);
            one.createCell(0).setCellValue(1);
            one.createCell(1).setCellValue("张三");
            one.createCell(2).setCellValue(LocalDateTime.of(2025, 3, 1, 10, 30));
            one.getCell(2).setCellStyle(dateStyle);
            one.createCell(3).setCellValue(1234.5);
            one.createCell(4).setCellValue(1001);
            Row two = sheet.createRow(2);
            two.createCell(0).setCellValue("2");
            two.createCell(1).setCellValue("李四");
            two.createCell(2).setCellValue("2025-03-02 09:00:00");
            two.createCell(3).setCellValue("88.8");
            two.createCell(4).setCellValue("C-7");
            workbook.write(out);
        }

        ingest(settings);

        // timestamps are read in business.zone (Asia/Shanghai), the Spark session's zone too
        assertThat(lake(settings, "SELECT visit_id, rep, date_format(visited_at, 'yyyy-MM-dd HH:mm:ss'), amount, customer_no FROM raw.feed_visits"))
                .containsExactly("1|张三|2025-03-01 10:30:00|1234.50|1001", "2|李四|2025-03-02 09:00:00|88.80|C-7");
    }

    @Test
    void theSameFileDroppedTwiceIsLoadedOnce() throws IOException {
        Settings settings = settings();
        byte[] content = "sku,price,valid_from,active\nA-1,12.50,2025-01-01,true\n".getBytes(StandardCharsets.UTF_8);
        Files.write(inbox("prices").resolve("monday.csv"), content);
        ingest(settings);
        Long snapshot = JdbcFixture.snapshot(settings, "raw.feed_prices");
        Files.write(inbox("prices").resolve("tuesday.csv"), content);

        ingest(settings);

        assertThat(JdbcFixture.snapshot(settings, "raw.feed_prices")).isEqualTo(snapshot);
        assertThat(lake(settings, "SELECT file_name, status, rows_loaded, sha256 FROM ops.files")).containsExactly(
                "monday.csv|loaded|1|" + Ingestion.sha256(content), "tuesday.csv|duplicate|0|" + Ingestion.sha256(content));
        assertThat(lake(settings, "SELECT sku FROM raw.feed_prices")).containsExactly("A-1");
        try (Stream<Path> inbox = Files.list(inbox("prices")); Stream<Path> archived = Files.walk(dir.resolve("archive/prices"))) {
            assertThat(inbox).isEmpty();
            assertThat(archived.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("monday.csv", "tuesday.csv");
        }
    }

    @Test
    void aFileLackingAMappedColumnFailsTheRunNamingTheColumn() throws IOException {
        Settings settings = settings();
        Path file = Files.writeString(inbox("sales").resolve("bad.csv"), "订单号,customer_id,order_date,channel,qty\nSO-1,1,2025-03-01,web,1\n");

        assertThatThrownBy(() -> ingest(settings))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("no column amount (setting ingest.feed.sales.columns)")
                .hasMessageContaining("rolled back");
        assertThat(file).exists();
        assertThat(Sparks.session(settings).catalog().tableExists("raw.feed_sales")).isFalse();
    }

    static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return new ArrayList<>(files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
