package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/**
 * mart.training_findings: breaches of the training rules of P-2.2, one row each (sales before the induction was
 * passed, inductions shorter than training.induction.min.days), as the breach catalogue of docs/sources.md defines them.
 */
final class TrainingFindings implements Mart {
    static final TableId TABLE = TableId.of("mart.training_findings");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.crm_reps", "raw.crm_training_records", "raw.orders_orders");
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("rule_id", "entity_id")),
                DataCheck.notNull(List.of("rule_id", "clause", "entity", "entity_id", "rep_id", "occurred_on", "detail")));
    }
}
