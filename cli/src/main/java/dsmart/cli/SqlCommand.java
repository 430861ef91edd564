package dsmart.cli;

import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run one query through the serving port, as reports and the dashboard do.",
            "Tables are namespace.table: mart.sales_monthly, mart.customer_sales, raw.crm_customers, ops.runs, ...",
            "Example: dsmart sql \"SELECT channel, SUM(revenue) FROM mart.sales_monthly GROUP BY channel\""})
final class SqlCommand extends StageCommand {
    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL; ? marks a parameter.")
    String query;

    @Parameters(index = "1..*", paramLabel = "PARAM", description = "Values bound to the ? marks, in order (as text).")
    List<String> params = List.of();

    @Option(names = "--csv", description = "Print CSV instead of an aligned table.")
    boolean csv;

    @Option(names = "--engine", paramLabel = "embedded|trino", description = "Serving engine (setting serving.engine).")
    String engine;

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        if (engine != null) {
            options.put("serving.engine", engine);
        }
        try (MartQuery port = Stages.engine(settings(options))) {
            QueryResult result = port.query(query, List.copyOf(params));
            System.out.print(csv ? TextTable.csv(result) : TextTable.aligned(result));
            if (!csv && !result.snapshots().isEmpty()) {
                System.out.println("snapshots " + result.snapshots());
            }
        }
        return 0;
    }
}
