package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * mart.rep_scorecard_annual: a rep's monthly scorecards of a year combined (scorecard.annual.method), ranks,
 * and the award candidates: annual sales champion and best sales team (P-2.3).
 */
final class RepScorecardAnnual implements Mart {
    static final TableId TABLE = TableId.of("mart.rep_scorecard_annual");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        List<String> inputs = new ArrayList<>(new RepScorecardMonthly().requires());
        inputs.add("mart.rep_scorecard_monthly");
        return inputs;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("year", "rep_id")),
                DataCheck.notNull(List.of("year", "rep_id", "team_id", "position_level", "months_scored", "net_sales", "total_score",
                        "rank_in_level", "rank_in_team", "eligible", "sales_champion", "best_team")),
                DataCheck.equal("months add up to the monthly scorecards", "SELECT SUM(months_scored) FROM {{this}}",
                        "SELECT COUNT(*) FROM mart.rep_scorecard_monthly"),
                new DataCheck("at most one sales champion a year",
                        "SELECT COUNT(*) FROM (SELECT year FROM {{this}} WHERE sales_champion GROUP BY year HAVING COUNT(*) > 1)"),
                new DataCheck("at most one best team a year",
                        "SELECT COUNT(*) FROM (SELECT year FROM {{this}} WHERE best_team GROUP BY year HAVING COUNT(DISTINCT team_id) > 1)"));
    }
}
