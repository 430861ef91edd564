package dsmart.sources;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills the source systems with a seeded company: same settings, same rows. Customers follow a
 * Pareto-like weight (a few big ones), months follow a season with the Spring Festival dip, reps
 * differ in skill, some customers pay late and a few default, and every policy rule of {@link Rule} is
 * broken at a small known rate, each breach recorded in the truth files ({@link Truth}).
 *
 * <p>Rows are streamed to the three databases in batches, in time order, month by month. Memory grows
 * with customers and reps (about 250 bytes per customer), never with orders: see docs/sources.md.
 */
public final class Generator {
    static final int BATCH = 10_000;

    private final Settings settings;

    private Generator(Settings settings) {
        this.settings = requireNonNull(settings, "settings");
    }

    /** Counts of the rows written. */
    public record Result(long customers, long reps, long orders, long orderLines, long invoices, long rows, long breaches) {}

    public static Result generate(Settings settings, Progress progress) {
        return new Generator(settings).run(progress);
    }

    private Result run(Progress progress) {
        Map<Rule, Double> rates = Rule.rates(settings.text("generator.breaches"));
        try (Connection crm = open(SourceSystem.CRM);
                Connection orders = open(SourceSystem.ORDERS);
                Connection finance = open(SourceSystem.FINANCE)) {
            SourceSystem.CRM.recreate(crm);
            SourceSystem.ORDERS.recreate(orders);
            SourceSystem.FINANCE.recreate(finance);
            try (Sink crmSink = new Sink(crm, BATCH);
                    Sink ordersSink = new Sink(orders, BATCH);
                    Sink financeSink = new Sink(finance, BATCH);
                    Truth truth = new Truth(Truth.dir(settings), rates)) {
                World.Tables tables = new World.Tables(crmSink, ordersSink, financeSink);
                LocalDate start = settings.date("generator.start").withDayOfMonth(1);
                int months = settings.integer("generator.months");
                World w = new World(new SplittableRandom(settings.integer("generator.seed")), settings.zone(), settings.calendar(),
                        settings.integer("generator.scale"), start, months, settings.integer("generator.induction.min.days"),
                        settings.integer("generator.answer.working.days"), settings.integer("generator.followup.days"), truth, tables);
                writePaymentTerms(w);
                Products products = Products.generate(w);
                Organisation org = Organisation.generate(w, progress);
                CustomerBook book = CustomerBook.generate(w, org, products.averageOrder(), progress);
                Monthly monthly = new Monthly(w, org, book);
                OrderFlow flow = new OrderFlow(w, org, book, products, monthly);
                double expectedMonthlySales = book.count * (double) CustomerBook.ORDERS_PER_CUSTOMER_YEAR / 12 * products.averageOrder() * 0.55;
                progress.start("orders+finance+after-sales");
                for (int m = 0; m < months; m++) {
                    LocalDate month = start.plusMonths(m);
                    monthly.quotas(month, expectedMonthlySales);
                    flow.month(month, progress);
                    monthly.contacts(month);
                    monthly.closeMonth(month);
                }
                tables.flush();
                progress.done(flow.orders);
                Map<String, String> manifest = new LinkedHashMap<>();
                manifest.put("seed", settings.text("generator.seed"));
                manifest.put("scale", settings.text("generator.scale"));
                manifest.put("start", start.toString());
                manifest.put("months", String.valueOf(months));
                manifest.put("as_of", w.asOfDate + "T00:00 " + w.zone + " (" + w.asOf + " UTC)");
                manifest.put("induction_min_days", String.valueOf(w.inductionMinDays));
                manifest.put("answer_working_days", String.valueOf(w.answerWorkingDays));
                manifest.put("followup_days", String.valueOf(w.followUpDays));
                manifest.put("rows", String.valueOf(tables.rows()));
                truth.finish(manifest);
                progress.message(String.format("%,d rows in %d tables; %,d planted breaches recorded in %s", tables.rows(),
                        SourceSystem.CRM.tables().size() + SourceSystem.ORDERS.tables().size() + SourceSystem.FINANCE.tables().size(),
                        truth.recorded(), Truth.dir(settings).resolve(Truth.BREACHES)));
                return new Result(book.count, org.reps, flow.orders, flow.lines, flow.invoices, tables.rows(), truth.recorded());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("generating source data failed: " + e.getMessage(), e);
        }
    }

    private static void writePaymentTerms(World w) throws SQLException {
        LocalDateTime epoch = w.startOf(w.start.minusYears(5));
        String[] descriptions = {"款到发货（预付款）", "开票后15天付款", "开票后30天付款", "开票后60天付款"};
        for (int t = 0; t < CustomerBook.TERMS.length; t++) {
            w.t.paymentTerms.row(CustomerBook.TERMS[t], descriptions[t], CustomerBook.TERM_DAYS[t], t == 0, epoch);
        }
        w.t.finance.flush();
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
}
