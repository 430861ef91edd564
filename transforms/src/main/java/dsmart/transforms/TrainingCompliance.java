package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/**
 * mart.training_compliance: per rep and quarter / year, its induction (length, passed on, too short), sales made
 * before passing it, and recurring training hours by type (P-2.2).
 */
final class TrainingCompliance implements Mart {
    static final TableId TABLE = TableId.of("mart.training_compliance");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return new TrainingFindings().requires();
    }

    @Override
    public List<DataCheck> checks() {
        String quarter = "CAST(date_trunc('QUARTER', t.start_date) AS DATE)";
        String recurring = "SELECT COALESCE(CAST(SUM(t.hours) AS DECIMAL(18,1)), 0) FROM raw.crm_training_records t "
                + "JOIN raw.crm_reps r ON r.rep_id = t.rep_id AND r._op = 'U' WHERE t._op = 'U' AND t.training_type <> 'induction' "
                + "AND r.hired_on <= date_sub(add_months(" + quarter + ", 3), 1) AND (r.left_on IS NULL OR r.left_on >= " + quarter + ")";
        return List.of(
                DataCheck.uniqueKey(List.of("period_type", "period_start", "rep_id")),
                DataCheck.notNull(List.of("period_type", "period_start", "rep_id", "induction_too_short", "sales_before_induction",
                        "hours_recurring", "sessions")),
                DataCheck.equal("quarters' hours reconcile to the training records of employed reps",
                        "SELECT COALESCE(CAST(SUM(hours_recurring) AS DECIMAL(18,1)), 0) FROM {{this}} WHERE period_type = 'quarter'", recurring),
                DataCheck.equal("years add up to their quarters",
                        "SELECT SUM(hours_recurring) + SUM(sales_before_induction) FROM {{this}} WHERE period_type = 'year'",
                        "SELECT SUM(hours_recurring) + SUM(sales_before_induction) FROM {{this}} WHERE period_type = 'quarter'"));
    }
}
