package dsmart.cli;

import dsmart.lake.Settings;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Everything on embedded defaults: generate → ingest → transform → report → serve.",
            "Running it again on the same data directory gives the same figures."})
final class DemoCommand extends StageCommand {
    @Option(names = "--no-serve", description = "Stop after the reports.")
    boolean noServe;

    @Option(names = "--port", description = "Dashboard port (setting web.port, default 7070).")
    Integer port;

    @Option(names = "--scale", description = "Company size (setting generator.scale).")
    Integer scale;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        if (port != null) {
            options.put("web.port", port.toString());
        }
        if (scale != null) {
            options.put("generator.scale", scale.toString());
        }
        Settings settings = settings(options);
        long started = System.nanoTime();
        Stages.generate(settings);
        // generate recreates the source databases: read them in full, cursors from an earlier demo no longer apply
        Stages.ingest(settings, true);
        Stages.transform(settings);
        Stages.report(settings, closeAfterHistory(settings));
        summary(settings);
        System.err.printf("[demo] pipeline done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        if (!noServe) {
            ServeCommand.serve(settings);
        }
        return 0;
    }

    /**
     * The demo company's history ends after generator.months months from generator.start; the demo's reports run
     * as on the close day of the month after (setting reports.close.day), so the last generated month is closed.
     */
    static LocalDate closeAfterHistory(Settings settings) {
        YearMonth after = YearMonth.from(settings.date("generator.start")).plusMonths(settings.integer("generator.months"));
        return after.atDay(Math.min(settings.integer("reports.close.day"), after.lengthOfMonth()));
    }

    private static void summary(Settings settings) {
        try (MartQuery port = Stages.engine(settings)) {
            QueryResult result = port.query("SELECT COUNT(DISTINCT month) AS months, SUM(orders) AS orders, SUM(revenue) AS revenue, "
                    + "SUM(gross_profit) AS gross_profit, SUM(new_customers) AS new_customers FROM mart.sales_monthly");
            System.out.println("mart.sales_monthly (snapshot " + result.snapshots().get("mart.sales_monthly") + "):");
            System.out.print(TextTable.aligned(result));
        }
    }
}
