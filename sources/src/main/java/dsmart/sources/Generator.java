package dsmart.sources;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills the source systems with a seeded company: same settings, same rows. Customers follow a
 * Pareto-like weight (a few big ones), months follow a season with the Spring Festival dip, reps
 * differ in skill. Rows are streamed to the databases in batches; memory grows with customers, not
 * orders.
 */
public final class Generator {
    static final int CUSTOMERS_PER_SCALE = 2_000;
    static final int REPS_PER_SCALE = 40;
    static final int ORDERS_PER_CUSTOMER_YEAR = 8;
    private static final int BATCH = 1_000;

    private static final String[][] REGIONS = {
        {"EAST", "华东", "上海,杭州,南京,苏州,宁波"},
        {"NORTH", "华北", "北京,天津,石家庄,太原,济南"},
        {"SOUTH", "华南", "广州,深圳,厦门,南宁,海口"},
        {"CENTRAL", "华中", "武汉,长沙,郑州,南昌,合肥"},
        {"SOUTHWEST", "西南", "成都,重庆,昆明,贵阳,西安"},
    };
    private static final String[] WORDS = {"华信", "宏达", "金鼎", "瑞丰", "恒通", "嘉禾", "远航", "新源", "博睿", "德隆", "鑫盛", "天宇", "中联", "汇智", "安泰", "永盛"};
    private static final String[] TRADES = {"贸易", "科技", "实业", "商贸", "电子", "医药", "建材", "食品"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志强", "海燕"};
    private static final String[][] PRODUCTS = {
        {"净水器", "家电"}, {"空气净化器", "家电"}, {"扫地机器人", "家电"}, {"电饭煲", "家电"}, {"洗碗机", "家电"}, {"咖啡机", "家电"},
        {"保健茶礼盒", "食品"}, {"有机大米", "食品"}, {"坚果礼盒", "食品"}, {"橄榄油", "食品"}, {"蜂蜜", "食品"}, {"燕麦片", "食品"},
        {"护肤套装", "美妆"}, {"洗发水", "美妆"}, {"面膜", "美妆"}, {"精华液", "美妆"}, {"防晒霜", "美妆"}, {"香水", "美妆"},
        {"维生素", "保健"}, {"钙片", "保健"}, {"鱼油", "保健"}, {"蛋白粉", "保健"}, {"益生菌", "保健"}, {"按摩椅", "保健"},
        {"办公椅", "办公"}, {"打印纸", "办公"}, {"碎纸机", "办公"}, {"投影仪", "办公"}, {"文件柜", "办公"}, {"白板", "办公"},
    };
    private static final String[] LEVELS = {"rep", "senior_rep", "supervisor", "manager"};
    private static final String[] CHANNELS = {"phone", "online", "door_to_door"};
    private static final double[] CHANNEL_WEIGHTS = {0.35, 0.45, 0.20};
    /** Orders per month relative to the mean, January first: Spring Festival dip in Jan/Feb, peak in Nov/Dec. */
    private static final double[] SEASON = {0.85, 0.55, 0.95, 1.0, 1.05, 1.1, 0.95, 0.95, 1.05, 1.1, 1.2, 1.25};

    private final Settings settings;
    private final SplittableRandom random;
    private final int scale;
    private final ZoneId zone;
    private final LocalDate start;
    private final int months;

    private Generator(Settings settings) {
        this.settings = requireNonNull(settings, "settings");
        this.random = new SplittableRandom(settings.integer("generator.seed"));
        this.scale = settings.integer("generator.scale");
        this.zone = settings.zone();
        this.start = settings.date("generator.start").withDayOfMonth(1);
        this.months = settings.integer("generator.months");
    }

    /** Counts of the rows written. */
    public record Result(long customers, long reps, long orders, long orderLines, long invoices) {}

    public static Result generate(Settings settings, Progress progress) {
        return new Generator(settings).run(progress);
    }

    private Result run(Progress progress) {
        try (Connection crm = open(SourceSystem.CRM);
                Connection orders = open(SourceSystem.ORDERS);
                Connection finance = open(SourceSystem.FINANCE)) {
            SourceSystem.CRM.recreate(crm);
            SourceSystem.ORDERS.recreate(orders);
            SourceSystem.FINANCE.recreate(finance);
            LocalDateTime epoch = utc(start.atStartOfDay());

            int teams = REGIONS.length * 2 * scale;
            int reps = REPS_PER_SCALE * scale;
            int customers = CUSTOMERS_PER_SCALE * scale;
            writeRegionsAndTeams(crm, teams, epoch, progress);
            int[] repTeam = writeReps(crm, reps, teams, epoch, progress);
            Customers book = writeCustomers(crm, customers, repTeam, teams, progress);
            Products products = writeProducts(orders, epoch, progress);
            long[] counts = writeOrders(orders, finance, book, repTeam, products, progress);
            return new Result(customers, reps, counts[0], counts[1], counts[2]);
        } catch (SQLException e) {
            throw new IllegalStateException("generating source data failed: " + e.getMessage(), e);
        }
    }

    private Connection open(SourceSystem system) throws SQLException {
        try {
            Connection connection = system.connect(settings);
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new SQLException("cannot open source " + system.id() + " at " + system.url(settings) + ": " + e.getMessage(), e);
        }
    }

    private void writeRegionsAndTeams(Connection crm, int teams, LocalDateTime updated, Progress progress) throws SQLException {
        progress.start("crm.regions+teams");
        try (PreparedStatement region = crm.prepareStatement("INSERT INTO regions VALUES (?, ?, ?)");
                PreparedStatement team = crm.prepareStatement("INSERT INTO teams VALUES (?, ?, ?, ?)")) {
            for (String[] r : REGIONS) {
                region.setString(1, r[0]);
                region.setString(2, r[1]);
                region.setObject(3, updated);
                region.addBatch();
            }
            region.executeBatch();
            for (int t = 0; t < teams; t++) {
                String[] r = REGIONS[t % REGIONS.length];
                team.setLong(1, t + 1);
                team.setString(2, r[1] + "销售" + (t / REGIONS.length + 1) + "组");
                team.setString(3, r[0]);
                team.setObject(4, updated);
                team.addBatch();
            }
            team.executeBatch();
        }
        crm.commit();
        progress.done(REGIONS.length + teams);
    }

    private int[] writeReps(Connection crm, int reps, int teams, LocalDateTime updated, Progress progress) throws SQLException {
        progress.start("crm.reps");
        int[] repTeam = new int[reps];
        try (PreparedStatement insert = crm.prepareStatement("INSERT INTO reps VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < reps; i++) {
                repTeam[i] = i % teams;
                double roll = random.nextDouble();
                String level = roll < 0.6 ? LEVELS[0] : roll < 0.85 ? LEVELS[1] : roll < 0.95 ? LEVELS[2] : LEVELS[3];
                insert.setLong(1, i + 1);
                insert.setString(2, pick(SURNAMES) + pick(GIVEN));
                insert.setLong(3, repTeam[i] + 1);
                insert.setString(4, level);
                insert.setObject(5, start.minusDays(30 + random.nextInt(1500)));
                insert.setObject(6, updated);
                insert.setBoolean(7, false);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        crm.commit();
        progress.done(reps);
        return repTeam;
    }

    /** Customers with their purchase weight, region, owner and creation time. */
    private record Customers(double[] cumulativeWeight, int[] region, int[] owner, LocalDateTime[] createdAt) {}

    private Customers writeCustomers(Connection crm, int customers, int[] repTeam, int teams, Progress progress) throws SQLException {
        progress.start("crm.customers");
        double[] cumulative = new double[customers];
        int[] region = new int[customers];
        int[] owner = new int[customers];
        LocalDateTime[] created = new LocalDateTime[customers];
        LocalDateTime periodStart = utc(start.atStartOfDay());
        long periodMinutes = (long) months * 30 * 24 * 60;
        double total = 0;
        try (PreparedStatement insert = crm.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < customers; i++) {
                total += Math.pow(i + 1, -0.9);
                cumulative[i] = total;
                region[i] = random.nextInt(REGIONS.length);
                owner[i] = repInRegion(region[i], repTeam);
                boolean existing = random.nextDouble() < 0.55;
                created[i] = existing
                        ? periodStart.minusMinutes(1 + random.nextLong(365L * 24 * 60))
                        : periodStart.plusMinutes(random.nextLong(periodMinutes * 9 / 10));
                String[] cities = REGIONS[region[i]][2].split(",");
                insert.setLong(1, i + 1);
                insert.setString(2, pick(cities) + pick(WORDS) + pick(TRADES) + "有限公司");
                insert.setString(3, REGIONS[region[i]][0]);
                insert.setLong(4, owner[i] + 1);
                insert.setString(5, random.nextDouble() < 0.7 ? "business" : "consumer");
                insert.setObject(6, created[i]);
                insert.setObject(7, created[i]);
                insert.setBoolean(8, false);
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                    progress.add(BATCH);
                }
            }
            insert.executeBatch();
        }
        crm.commit();
        progress.done(customers);
        return new Customers(cumulative, region, owner, created);
    }

    private int repInRegion(int region, int[] repTeam) {
        for (int tries = 0; tries < 50; tries++) {
            int rep = random.nextInt(repTeam.length);
            if (repTeam[rep] % REGIONS.length == region) {
                return rep;
            }
        }
        return random.nextInt(repTeam.length);
    }

    private record Products(BigDecimal[] cost, BigDecimal[] price) {}

    private Products writeProducts(Connection orders, LocalDateTime updated, Progress progress) throws SQLException {
        progress.start("orders.products");
        BigDecimal[] cost = new BigDecimal[PRODUCTS.length];
        BigDecimal[] price = new BigDecimal[PRODUCTS.length];
        try (PreparedStatement insert = orders.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int p = 0; p < PRODUCTS.length; p++) {
                price[p] = money(49 + random.nextDouble() * 2_950);
                cost[p] = money(price[p].doubleValue() * (0.45 + random.nextDouble() * 0.3));
                insert.setLong(1, p + 1);
                insert.setString(2, PRODUCTS[p][0]);
                insert.setString(3, PRODUCTS[p][1]);
                insert.setBigDecimal(4, cost[p]);
                insert.setBigDecimal(5, price[p]);
                insert.setObject(6, updated);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        orders.commit();
        progress.done(PRODUCTS.length);
        return new Products(cost, price);
    }

    private long[] writeOrders(Connection orders, Connection finance, Customers book, int[] repTeam, Products products, Progress progress)
            throws SQLException {
        progress.start("orders.orders+lines+invoices");
        int customers = book.region().length;
        double monthlyMean = customers * (double) ORDERS_PER_CUSTOMER_YEAR / 12;
        long orderId = 0;
        long lineCount = 0;
        long invoiceId = 0;
        int pending = 0;
        try (PreparedStatement order = orders.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement line = orders.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement invoice = finance.prepareStatement("INSERT INTO invoices VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int m = 0; m < months; m++) {
                LocalDate month = start.plusMonths(m);
                int count = (int) Math.round(monthlyMean * SEASON[month.getMonthValue() - 1] * (0.9 + random.nextDouble() * 0.2));
                for (int k = 0; k < count; k++) {
                    int customer = pickCustomer(book.cumulativeWeight());
                    LocalDate day = month.plusDays(random.nextInt(month.lengthOfMonth()));
                    LocalDateTime orderedAt = utc(day.atTime(LocalTime.of(7 + random.nextInt(17), random.nextInt(60), random.nextInt(60))));
                    if (orderedAt.isBefore(book.createdAt()[customer])) {
                        continue;
                    }
                    orderId++;
                    int rep = random.nextDouble() < 0.8 ? book.owner()[customer] : repInRegion(book.region()[customer], repTeam);
                    String channel = CHANNELS[pickWeighted(CHANNEL_WEIGHTS)];
                    String status = random.nextDouble() < 0.04 ? "cancelled" : "confirmed";
                    int lines = 1 + random.nextInt(4);
                    BigDecimal amount = BigDecimal.ZERO.setScale(2);
                    for (int l = 1; l <= lines; l++) {
                        int product = random.nextInt(PRODUCTS.length);
                        int quantity = 1 + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 20);
                        BigDecimal unitPrice = money(products.price()[product].doubleValue() * (0.9 + random.nextDouble() * 0.15));
                        BigDecimal gross = unitPrice.multiply(BigDecimal.valueOf(quantity));
                        BigDecimal discount = random.nextDouble() < 0.3 ? money(gross.doubleValue() * random.nextDouble() * 0.15) : BigDecimal.ZERO.setScale(2);
                        BigDecimal lineAmount = gross.subtract(discount).setScale(2, RoundingMode.HALF_UP);
                        amount = amount.add(lineAmount);
                        line.setLong(1, orderId);
                        line.setInt(2, l);
                        line.setLong(3, product + 1);
                        line.setInt(4, quantity);
                        line.setBigDecimal(5, unitPrice);
                        line.setBigDecimal(6, discount);
                        line.setBigDecimal(7, lineAmount);
                        line.setObject(8, orderedAt);
                        line.addBatch();
                        lineCount++;
                    }
                    order.setLong(1, orderId);
                    order.setString(2, String.format("SO%04d%02d%07d", month.getYear(), month.getMonthValue(), orderId));
                    order.setLong(3, customer + 1);
                    order.setLong(4, rep + 1);
                    order.setString(5, channel);
                    order.setObject(6, orderedAt);
                    order.setString(7, status);
                    order.setBigDecimal(8, amount);
                    order.setObject(9, orderedAt.plusMinutes(random.nextInt(120)));
                    order.addBatch();
                    if (status.equals("confirmed")) {
                        invoiceId++;
                        LocalDate issued = day.plusDays(random.nextInt(6));
                        invoice.setLong(1, invoiceId);
                        invoice.setString(2, String.format("INV%09d", invoiceId));
                        invoice.setLong(3, orderId);
                        invoice.setLong(4, customer + 1);
                        invoice.setObject(5, issued);
                        invoice.setObject(6, issued.plusDays(random.nextDouble() < 0.7 ? 30 : 60));
                        invoice.setBigDecimal(7, amount);
                        invoice.setObject(8, utc(issued.atTime(9, 0)));
                        invoice.addBatch();
                    }
                    if (++pending == BATCH) {
                        flush(order, line, invoice, orders, finance);
                        progress.add(pending);
                        pending = 0;
                    }
                }
            }
            flush(order, line, invoice, orders, finance);
        }
        progress.done(orderId);
        return new long[] {orderId, lineCount, invoiceId};
    }

    private static void flush(PreparedStatement order, PreparedStatement line, PreparedStatement invoice, Connection orders, Connection finance)
            throws SQLException {
        order.executeBatch();
        line.executeBatch();
        invoice.executeBatch();
        orders.commit();
        finance.commit();
    }

    private int pickCustomer(double[] cumulative) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        return index >= 0 ? index : Math.min(-index - 1, cumulative.length - 1);
    }

    private int pickWeighted(double[] weights) {
        double roll = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private LocalDateTime utc(LocalDateTime businessTime) {
        return ZonedDateTime.of(businessTime, zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    static List<String> channels() {
        return List.of(CHANNELS);
    }
}
