package dsmart.reports;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the pack tests share: the business zone, a fixed clock, ports over {@link TestMarts}, number formats. */
final class Fixtures {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2024-03-06 09:30:00 in Shanghai. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-06T01:30:00Z"), ZoneId.of("UTC"));
    static final Map<String, Long> IDS = Map.of("mart.sales_monthly", 7001L, "mart.customer_sales", 42L);

    private Fixtures() {}

    /**
     * A port over the populated test marts that reports {@link #IDS} as the snapshots read; any other table is not in
     * this lake, and its snapshot cannot be read (as the lake's reader says of a mart the transforms skipped).
     */
    static MartQuery port() throws SQLException {
        return new JdbcMartQuery(TestMarts.populated(), tables -> {
            Map<String, Long> read = new TreeMap<>();
            for (String table : tables) {
                if (!IDS.containsKey(table)) {
                    throw new dsmart.serving.QueryException("table " + table + " is not in the lake yet");
                }
                read.put(table, IDS.get(table));
            }
            return read;
        });
    }

    static Reports reports(Path archive) {
        return new Reports(ReportPacks.standard(), new ReportArchive(archive), SHANGHAI, CLOCK);
    }

    static String money(BigDecimal value) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    static String count(long value) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
