package dsmart.transforms;

import dsmart.lake.Settings;
import dsmart.lake.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * mart.ar_ageing: open receivables per as-of date, customer and ageing bucket (receivables.ageing.*
 * settings). Its reconciliation gate: per as-of date Σ buckets = total outstanding = ledger balance.
 */
final class ArAgeing implements Mart {
    static final TableId TABLE = TableId.of("mart.ar_ageing");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public String sql(Settings settings) {
        boolean posting = settings.text("receivables.ageing.basis").strip().equals("posting");
        int[] bounds = Arrays.stream(settings.text("receivables.ageing.buckets").split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray();
        StringBuilder bucketNo = new StringBuilder("CASE WHEN age_days <= 0 THEN 0");
        List<String> rows = new ArrayList<>();
        rows.add("(0, '" + (posting ? "0 days" : "not yet due") + "', CAST(NULL AS INT), 0)");
        int from = 1;
        for (int i = 0; i < bounds.length; i++) {
            bucketNo.append(" WHEN age_days <= ").append(bounds[i]).append(" THEN ").append(i + 1);
            rows.add("(" + (i + 1) + ", '" + from + "-" + bounds[i] + "', " + from + ", " + bounds[i] + ")");
            from = bounds[i] + 1;
        }
        bucketNo.append(" ELSE ").append(bounds.length + 1).append(" END");
        rows.add("(" + (bounds.length + 1) + ", 'over " + bounds[bounds.length - 1] + "', " + from + ", CAST(NULL AS INT))");
        return sql().replace("{{age_from}}", posting ? "issued_on" : "due_on")
                .replace("{{bucket_no}}", bucketNo)
                .replace("{{buckets}}", String.join(", ", rows));
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("as_of_date", "customer_id", "bucket_no")),
                DataCheck.notNull(List.of("as_of_date", "customer_id", "bucket_no", "bucket", "amount", "customer_outstanding")),
                Receivables.knownAsOfDates(),
                new DataCheck("buckets sum to each customer's outstanding",
                        "SELECT COUNT(*) FROM (SELECT SUM(amount) AS buckets, MIN(customer_outstanding) AS low, "
                                + "MAX(customer_outstanding) AS high FROM {{this}} GROUP BY as_of_date, customer_id) "
                                + "WHERE NOT (buckets <=> low) OR NOT (low <=> high)"),
                Receivables.reconcilesToBalance("buckets reconcile to the ledger balance per as-of date", "amount"));
    }
}
