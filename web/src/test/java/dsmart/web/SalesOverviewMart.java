package dsmart.web;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-made marts behind the sales overview, next to {@link SalesMart} and {@link AppraisalMart} (whose reps 1–4,
 * names and Feb 2025 evidence they continue): mart.sales_kpi (rep months of Q1 2024 and Q1 2025 with their team,
 * region and company roll-ups, channel detail rows, and quarter rows that must never be read as months),
 * mart.sales_funnel (region and company roll-ups, and detail rows that must not be added in), mart.customer_tier,
 * mart.customer_sales and more mart.rep_kpi_evidence. Reps 1 and 2 are team 10 in EAST, reps 3 and 4 team 20 in NORTH.
 */
final class SalesOverviewMart {
    record RepMonth(LocalDate month, long rep, String net, String profit, long orders, long newCustomers, String quota) {
        long team() {
            return rep <= 2 ? 10 : 20;
        }

        String region() {
            return rep <= 2 ? "EAST" : "NORTH";
        }
    }

    record ChannelSale(LocalDate month, long rep, String channel, String net, String profit) {}

    record Funnel(LocalDate month, String region, String channel, String source, long leads, long prospects, long visited,
                  long proposals, long contracts, long orders) {}

    record Tier(long customerId, String name, String regionName, String tier, String amount12m) {}

    record Sale(LocalDate month, long rep, String sourceTable, long sourceId, long customerId, String customer, String amount) {}

    static final LocalDate JAN_24 = LocalDate.of(2024, 1, 1);
    static final LocalDate FEB_24 = LocalDate.of(2024, 2, 1);
    static final LocalDate MAR_24 = LocalDate.of(2024, 3, 1);
    static final LocalDate JAN = LocalDate.of(2025, 1, 1);
    static final LocalDate FEB = LocalDate.of(2025, 2, 1);
    static final LocalDate MAR = LocalDate.of(2025, 3, 1);

    static final List<RepMonth> REP_MONTHS = List.of(
            new RepMonth(JAN_24, 1, "4000.00", "1200.00", 8, 2, "5000.00"),
            new RepMonth(JAN_24, 2, "2000.00", "600.00", 4, 1, "2000.00"),
            new RepMonth(JAN_24, 3, "3000.00", "900.00", 6, 1, "4000.00"),
            new RepMonth(FEB_24, 1, "6000.00", "1800.00", 10, 2, "5000.00"),
            new RepMonth(FEB_24, 2, "5000.00", "1500.00", 9, 2, "5000.00"),
            new RepMonth(FEB_24, 3, "2500.00", "750.00", 5, 0, "4000.00"),
            new RepMonth(MAR_24, 1, "5000.00", "1500.00", 9, 1, "5000.00"),
            new RepMonth(MAR_24, 2, "3000.00", "900.00", 5, 0, "3000.00"),
            new RepMonth(MAR_24, 3, "4500.00", "1350.00", 7, 2, "4000.00"),
            new RepMonth(JAN, 1, "5000.00", "1500.00", 10, 2, "6000.00"),
            new RepMonth(JAN, 2, "1000.00", "300.00", 3, 1, "2000.00"),
            new RepMonth(JAN, 3, "4000.00", "1200.00", 8, 1, "5000.00"),
            new RepMonth(JAN, 4, "0.00", "0.00", 0, 0, null),
            new RepMonth(FEB, 1, "8000.50", "2400.15", 12, 3, "6000.00"),
            new RepMonth(FEB, 2, "12000.00", "3600.00", 20, 4, "8000.00"),
            new RepMonth(FEB, 3, "3000.00", "900.00", 6, 0, "5000.00"),
            new RepMonth(FEB, 4, "0.00", "0.00", 0, 0, null),
            new RepMonth(MAR, 1, "7000.00", "2100.00", 11, 1, "6000.00"),
            new RepMonth(MAR, 2, "7000.50", "1950.00", 9, 2, "8000.00"),
            new RepMonth(MAR, 3, "9500.25", "2850.08", 15, 3, "5000.00"),
            new RepMonth(MAR, 4, "-200.00", "-60.00", 0, 0, "1000.00")); // returns of an earlier month: negative

    static final List<ChannelSale> CHANNEL_SALES = List.of(
            new ChannelSale(FEB_24, 1, "phone", "6000.00", "1800.00"),
            new ChannelSale(JAN, 1, "phone", "3000.00", "900.00"),
            new ChannelSale(JAN, 1, "online", "2000.00", "600.00"),
            new ChannelSale(JAN, 2, "online", "1000.00", "300.00"),
            new ChannelSale(JAN, 3, "door_to_door", "4000.00", "1200.00"),
            new ChannelSale(FEB, 1, "phone", "8000.50", "2400.15"),
            new ChannelSale(FEB, 2, "online", "12000.00", "3600.00"),
            new ChannelSale(FEB, 3, "phone", "3000.00", "900.00"),
            new ChannelSale(MAR, 1, "door_to_door", "7000.00", "2100.00"),
            new ChannelSale(MAR, 2, "online", "7000.50", "1950.00"),
            new ChannelSale(MAR, 3, "online", "9500.25", "2850.08"),
            new ChannelSale(MAR, 4, "phone", "-200.00", "-60.00"));

    static final List<Funnel> FUNNEL = List.of(
            new Funnel(JAN_24, "all", "all", "all", 100, 50, 30, 20, 10, 5),
            new Funnel(JAN, "EAST", "all", "all", 40, 30, 20, 10, 6, 5),
            new Funnel(FEB, "EAST", "all", "all", 50, 35, 25, 12, 8, 6),
            new Funnel(MAR, "EAST", "all", "all", 60, 40, 30, 15, 9, 7),
            new Funnel(JAN, "NORTH", "all", "all", 20, 10, 8, 4, 2, 1),
            new Funnel(FEB, "NORTH", "all", "all", 30, 15, 9, 5, 3, 2),
            new Funnel(MAR, "NORTH", "all", "all", 25, 12, 6, 3, 1, 1),
            new Funnel(JAN, "all", "all", "all", 60, 40, 28, 14, 8, 6),
            new Funnel(FEB, "all", "all", "all", 80, 50, 34, 17, 11, 8),
            new Funnel(MAR, "all", "all", "all", 85, 52, 36, 18, 10, 8),
            new Funnel(JAN, "EAST", "online", "web", 25, 20, 15, 8, 5, 4),
            new Funnel(JAN, "all", "online", "all", 35, 25, 18, 9, 6, 4));

    static final List<Tier> TIERS = List.of(
            new Tier(9001, "上海华信贸易有限公司", "华东", "A", "120000.00"),
            new Tier(9002, "杭州金鼎实业有限公司", "华东", "B", "45000.50"),
            new Tier(9003, "南京远航科技有限公司", "华东", "C", "8000.00"),
            new Tier(9004, "北京恒通商贸有限公司", "华北", "A", "98000.00"),
            new Tier(9005, "天津海川物流有限公司", "华北", "C", "5000.25"),
            new Tier(9006, "石家庄瑞丰食品有限公司", "华北", "C", "3000.00"));

    /** Sales evidence beyond {@link AppraisalMart#EVIDENCE} (rep 1, Feb 2025: 9001 +6000.50, 9002 +2500.00 −500.00). */
    static final List<Sale> SALES = List.of(
            new Sale(FEB_24, 1, "orders.orders", 150, 9006, "石家庄瑞丰食品有限公司", "99999.00"),
            new Sale(JAN, 1, "orders.orders", 201, 9003, "南京远航科技有限公司", "3000.00"),
            new Sale(JAN, 3, "orders.orders", 202, 9004, "北京恒通商贸有限公司", "6500.00"),
            new Sale(FEB, 2, "orders.orders", 203, 9001, "上海华信贸易有限公司", "12000.00"),
            new Sale(MAR, 3, "orders.orders", 204, 9005, "天津海川物流有限公司", "9500.25"),
            new Sale(MAR, 4, "orders.order_returns", 9, 9006, "石家庄瑞丰食品有限公司", "-200.00"),
            new Sale(MAR, 2, "orders.orders", 205, 9003, "南京远航科技有限公司", "3500.00"));

    private SalesOverviewMart() {}

    /** Adds the marts; needs {@link AppraisalMart#add} first (its mart.rep_kpi_evidence and rep names). */
    static void add(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE mart.sales_kpi (
                      period_type VARCHAR, period_start DATE, level VARCHAR, rep_id BIGINT, team_id BIGINT, region_code VARCHAR,
                      channel VARCHAR, category VARCHAR, net_sales DECIMAL(18,2), gross_profit DECIMAL(18,2), orders BIGINT,
                      new_customers BIGINT, quota DECIMAL(18,2), completion_rate DECIMAL(9,4))""");
            statement.execute("""
                    CREATE TABLE mart.sales_funnel (
                      month DATE, region_code VARCHAR, channel VARCHAR, lead_source VARCHAR, leads BIGINT, prospects BIGINT,
                      visited BIGINT, proposals BIGINT, contracts BIGINT, orders BIGINT)""");
            statement.execute("""
                    CREATE TABLE mart.customer_tier (
                      customer_id BIGINT, customer_name VARCHAR, month DATE, tier VARCHAR, score DECIMAL(7,2),
                      amount_12m DECIMAL(18,2))""");
            statement.execute("""
                    CREATE TABLE mart.customer_sales (
                      customer_id BIGINT, customer_name VARCHAR, region_name VARCHAR, orders BIGINT, revenue DECIMAL(18,2),
                      gross_profit DECIMAL(18,2), first_order_date DATE, last_order_date DATE)""");
        }
        try (PreparedStatement kpi = connection.prepareStatement(
                "INSERT INTO mart.sales_kpi VALUES (?, ?, ?, ?, ?, ?, ?, 'all', ?, ?, ?, ?, ?, ?)")) {
            Map<String, BigDecimal[]> rollUps = new TreeMap<>();
            for (RepMonth r : REP_MONTHS) {
                insertKpi(kpi, "month", r.month(), "rep", r.rep(), r.team(), r.region(), "all", r.net(), r.profit(), r.orders(),
                        r.newCustomers(), r.quota());
                for (String key : List.of("team|" + r.team() + "|" + r.region(), "region||" + r.region(), "company||")) {
                    BigDecimal[] sums = rollUps.computeIfAbsent(r.month() + "|" + key, k -> new BigDecimal[5]);
                    add(sums, 0, r.net());
                    add(sums, 1, r.profit());
                    add(sums, 2, String.valueOf(r.orders()));
                    add(sums, 3, String.valueOf(r.newCustomers()));
                    if (r.quota() != null) {
                        add(sums, 4, r.quota());
                    }
                }
            }
            for (Map.Entry<String, BigDecimal[]> entry : rollUps.entrySet()) {
                String[] key = entry.getKey().split("\\|", -1);
                BigDecimal[] sums = entry.getValue();
                insertKpi(kpi, "month", LocalDate.parse(key[0]), key[1], null, key[2].isEmpty() ? null : Long.valueOf(key[2]),
                        key[3].isEmpty() ? null : key[3], "all", sums[0].toPlainString(), sums[1].toPlainString(),
                        sums[2].longValue(), sums[3].longValue(), sums[4] == null ? null : sums[4].toPlainString());
            }
            // a quarter row: the API must read months only
            insertKpi(kpi, "quarter", JAN, "company", null, null, null, "all", "99999.99", "9999.99", 999, 99L, "1.00");
            for (ChannelSale c : CHANNEL_SALES) {
                insertKpi(kpi, "month", c.month(), "rep_channel_category", c.rep(), c.rep() <= 2 ? 10L : 20L,
                        c.rep() <= 2 ? "EAST" : "NORTH", c.channel(), c.net(), c.profit(), 1, null, null);
            }
        }
        try (PreparedStatement funnel = connection.prepareStatement(
                "INSERT INTO mart.sales_funnel VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Funnel f : FUNNEL) {
                funnel.setObject(1, java.sql.Date.valueOf(f.month()));
                funnel.setString(2, f.region());
                funnel.setString(3, f.channel());
                funnel.setString(4, f.source());
                long[] counts = {f.leads(), f.prospects(), f.visited(), f.proposals(), f.contracts(), f.orders()};
                for (int i = 0; i < counts.length; i++) {
                    funnel.setLong(5 + i, counts[i]);
                }
                funnel.executeUpdate();
            }
        }
        try (PreparedStatement tier = connection.prepareStatement(
                "INSERT INTO mart.customer_tier VALUES (?, ?, DATE '2025-03-01', ?, 50.00, ?)");
                PreparedStatement sales = connection.prepareStatement(
                        "INSERT INTO mart.customer_sales VALUES (?, ?, ?, 1, 1000.00, 300.00, DATE '2024-01-05', DATE '2025-03-20')")) {
            for (Tier t : TIERS) {
                tier.setLong(1, t.customerId());
                tier.setString(2, t.name());
                tier.setString(3, t.tier());
                tier.setBigDecimal(4, new BigDecimal(t.amount12m()));
                tier.executeUpdate();
                sales.setLong(1, t.customerId());
                sales.setString(2, t.name());
                sales.setString(3, t.regionName());
                sales.executeUpdate();
            }
        }
        try (PreparedStatement evidence = connection.prepareStatement(
                "INSERT INTO mart.rep_kpi_evidence VALUES (?, ?, 'sales', ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
            for (Sale s : SALES) {
                evidence.setObject(1, java.sql.Date.valueOf(s.month()));
                evidence.setLong(2, s.rep());
                evidence.setString(3, s.sourceTable());
                evidence.setLong(4, s.sourceId());
                evidence.setLong(5, s.sourceTable().equals("orders.orders") ? s.sourceId() : 200);
                evidence.setLong(6, s.customerId());
                evidence.setString(7, s.customer());
                evidence.setObject(8, java.sql.Date.valueOf(s.month().plusDays(9)));
                evidence.setBigDecimal(9, new BigDecimal(s.amount()));
                evidence.executeUpdate();
            }
        }
    }

    private static void add(BigDecimal[] sums, int i, String value) {
        sums[i] = sums[i] == null ? new BigDecimal(value) : sums[i].add(new BigDecimal(value));
    }

    private static void insertKpi(PreparedStatement kpi, String periodType, LocalDate start, String level, Long rep, Long team,
                                  String region, String channel, String net, String profit, long orders, Long newCustomers,
                                  String quota) throws SQLException {
        kpi.setString(1, periodType);
        kpi.setObject(2, java.sql.Date.valueOf(start));
        kpi.setString(3, level);
        kpi.setObject(4, rep);
        kpi.setObject(5, team);
        kpi.setString(6, region);
        kpi.setString(7, channel);
        kpi.setBigDecimal(8, new BigDecimal(net));
        kpi.setBigDecimal(9, new BigDecimal(profit));
        kpi.setLong(10, orders);
        kpi.setObject(11, newCustomers);
        kpi.setBigDecimal(12, quota == null ? null : new BigDecimal(quota));
        boolean noQuota = quota == null || new BigDecimal(quota).signum() == 0;
        kpi.setBigDecimal(13, noQuota ? null : new BigDecimal(net).divide(new BigDecimal(quota), 4, java.math.RoundingMode.HALF_UP));
        kpi.executeUpdate();
    }
}
