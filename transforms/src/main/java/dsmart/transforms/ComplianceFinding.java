package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * mart.compliance_finding: every breach of a rule of docs/compliance-rules.md (P-2.2, P-3.2..P-3.4, P-4.1, P-5.2,
 * P-5.3, P-6.1) with the keys of its evidence rows; a finding keeps the time it was first seen across runs and turns
 * resolved when it is no longer found.
 */
final class ComplianceFinding implements Mart {
    static final TableId TABLE = TableId.of("mart.compliance_finding");
    static final String PREVIOUS = "previous_compliance_finding";
    /** The mart's columns, for the empty previous snapshot of a first run. */
    private static final String EMPTY = "SELECT CAST(NULL AS STRING) AS rule_id, CAST(NULL AS STRING) AS clause, "
            + "CAST(NULL AS STRING) AS severity, CAST(NULL AS STRING) AS department, CAST(NULL AS DATE) AS period, "
            + "CAST(NULL AS DATE) AS occurred_on, CAST(NULL AS BIGINT) AS rep_id, CAST(NULL AS BIGINT) AS team_id, "
            + "CAST(NULL AS STRING) AS region_code, CAST(NULL AS BIGINT) AS customer_id, CAST(NULL AS STRING) AS entity, "
            + "CAST(NULL AS STRING) AS entity_id, CAST(NULL AS STRING) AS evidence, CAST(NULL AS TIMESTAMP) AS first_seen, "
            + "CAST(NULL AS TIMESTAMP) AS last_seen, CAST(NULL AS STRING) AS status, CAST(NULL AS TIMESTAMP) AS resolved_at WHERE FALSE";

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.crm_reps", "raw.crm_teams", "raw.crm_rep_positions", "raw.crm_training_records", "raw.crm_customers",
                "raw.crm_contacts", "raw.crm_communications", "raw.crm_visits", "raw.crm_service_tickets", "raw.crm_ticket_updates",
                "raw.crm_complaints", "raw.orders_orders", "raw.orders_contracts", "raw.orders_shipments",
                "raw.orders_quality_inspections", "raw.orders_credit_overrides", "raw.finance_invoices",
                "raw.finance_receipt_allocations", "raw.finance_credit_notes", "raw.finance_write_offs",
                "raw.finance_collection_actions", "raw.finance_sales_expenses");
    }

    /** The previous snapshot (empty on a first run) as the view the SQL reads first_seen and resolved findings from. */
    @Override
    public void prepare(SparkSession spark) {
        String target = TABLE.toString();
        if (spark.catalog().tableExists(target)) {
            spark.sql("SELECT * FROM " + target).localCheckpoint().createOrReplaceTempView(PREVIOUS);
        } else {
            spark.sql(EMPTY).createOrReplaceTempView(PREVIOUS);
        }
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("rule_id", "entity_id")),
                DataCheck.notNull(List.of("rule_id", "clause", "severity", "department", "period", "occurred_on", "entity", "entity_id",
                        "evidence", "first_seen", "last_seen", "status")),
                DataCheck.rows("status is open or resolved, resolved_at exactly when resolved",
                        "status NOT IN ('open', 'resolved') "
                                + "OR (status = 'resolved') <> (resolved_at IS NOT NULL)"),
                DataCheck.rows("first seen not after last seen", "first_seen > last_seen"));
    }
}
