package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * mart.rep_scorecard_monthly: each rep's five appraisal KPIs of a month (P-2.3) scored 0..100 and weighted by the
 * position level held at the month's end, with the level's weights in force in that month (scorecard.weights).
 */
final class RepScorecardMonthly implements Mart {
    static final TableId TABLE = TableId.of("mart.rep_scorecard_monthly");
    private static final Partial PARTIAL = new Periods("month", List.of("MONTH"));
    private static final String REP_MONTHS = "FROM mart.sales_kpi WHERE level = 'rep' AND period_type = 'month'";

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        List<String> inputs = new ArrayList<>(new SalesKpi().requires());
        inputs.add("raw.crm_rep_positions");
        inputs.add("mart.sales_kpi");
        return inputs;
    }

    @Override
    public Optional<Partial> partial() {
        return Optional.of(PARTIAL);
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "rep_id")),
                DataCheck.notNull(List.of("month", "rep_id", "team_id", "position_level", "net_sales", "gross_profit", "new_customers",
                        "score_sales", "score_profit", "score_new_customers", "score_satisfaction", "score_completion", "total_score",
                        "rank_in_level", "rank_in_team")),
                DataCheck.rows("every level has weights (scorecard.weights)", "weights_from IS NULL"),
                DataCheck.equal("one scorecard per rep-month of mart.sales_kpi", "SELECT COUNT(*) FROM {{this}}", "SELECT COUNT(*) " + REP_MONTHS),
                DataCheck.equal("net sales reconcile to mart.sales_kpi", "SELECT SUM(net_sales) FROM {{this}}", "SELECT SUM(net_sales) " + REP_MONTHS),
                DataCheck.rows("scores within 0..100",
                        "LEAST(score_sales, score_profit, score_new_customers, score_satisfaction, "
                                + "score_completion, total_score) < 0 OR GREATEST(score_sales, score_profit, score_new_customers, "
                                + "score_satisfaction, score_completion, total_score) > 100"),
                new DataCheck("ranks run 1..n without gaps",
                        "SELECT COUNT(*) FROM (SELECT month, position_level, MAX(rank_in_level) AS top, COUNT(*) AS n, "
                                + "COUNT(DISTINCT rank_in_level) AS d FROM {{this}} GROUP BY month, position_level) WHERE top <> n OR d <> n",
                        false, List.of("month", "position_level")));
    }
}
