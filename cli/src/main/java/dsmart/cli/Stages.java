package dsmart.cli;

import dsmart.ingestion.Ingestion;
import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.reports.RenderedReport;
import dsmart.reports.SalesMonthlyReport;
import dsmart.serving.Engines;
import dsmart.serving.MartQuery;
import dsmart.sources.Generator;
import dsmart.transforms.Transforms;
import java.util.List;

/** The pipeline's stages as the commands run them; each prints its progress on stderr. */
final class Stages {
    private Stages() {}

    static Generator.Result generate(Settings settings) {
        Progress progress = Progress.of("generate");
        Generator.Result result = Generator.generate(settings, progress);
        progress.message(String.format("%,d customers, %,d reps, %,d orders, %,d order lines, %,d invoices",
                result.customers(), result.reps(), result.orders(), result.orderLines(), result.invoices()));
        return result;
    }

    static List<Ingestion.TableResult> ingest(Settings settings, boolean full) {
        return Ingestion.run(settings, Progress.of("ingest"), full);
    }

    static List<Transforms.MartResult> transform(Settings settings) {
        return Transforms.run(settings, Progress.of("transform"));
    }

    static RenderedReport report(Settings settings) {
        Progress progress = Progress.of("report");
        try (MartQuery port = engine(settings)) {
            progress.start("sales_monthly");
            RenderedReport report = SalesMonthlyReport.render(port, settings.path("reports.dir"), settings.zone());
            progress.done(report.rows());
            report.files().forEach(file -> progress.message("wrote " + file));
            return report;
        }
    }

    static MartQuery engine(Settings settings) {
        return Engines.open(settings);
    }
}
