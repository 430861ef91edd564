package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.ArrayList;
import java.util.List;

/** mart.rep_kpi_evidence: the orders, returns, first orders, surveys and quotas behind each rep-month KPI. */
final class RepKpiEvidence implements Mart {
    static final TableId TABLE = TableId.of("mart.rep_kpi_evidence");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        List<String> inputs = new ArrayList<>(new SalesKpi().requires());
        inputs.add("raw.crm_customers");
        inputs.add("mart.sales_kpi");
        return inputs;
    }

    /** Rep-months of mart.sales_kpi whose figure differs from the evidence rows of one kpi. */
    private static DataCheck reconciles(String name, String kpiColumn, String kpi, String evidence) {
        return new DataCheck(name + " per rep-month equal mart.sales_kpi",
                "SELECT COUNT(*) FROM mart.sales_kpi k FULL JOIN (SELECT month, rep_id, " + evidence + " AS v FROM {{this}} WHERE kpi = '"
                        + kpi + "' GROUP BY month, rep_id) e ON e.month = k.period_start AND e.rep_id = k.rep_id "
                        + "AND k.level = 'rep' AND k.period_type = 'month' "
                        + "WHERE (k.level = 'rep' AND k.period_type = 'month' OR k.level IS NULL) "
                        + "AND NOT (COALESCE(k." + kpiColumn + ", 0) <=> COALESCE(e.v, 0))");
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "rep_id", "kpi", "source_table", "source_id")),
                DataCheck.notNull(List.of("month", "rep_id", "kpi", "source_table", "source_id", "event_date")),
                reconciles("net sales", "net_sales", "sales", "SUM(amount)"),
                reconciles("gross profit", "gross_profit", "sales", "SUM(gross_profit)"),
                reconciles("new customers", "new_customers", "new_customers", "COUNT(*)"),
                reconciles("survey responses", "survey_responses", "satisfaction", "COUNT(*)"),
                reconciles("quotas", "quota", "completion", "SUM(amount)"));
    }
}
