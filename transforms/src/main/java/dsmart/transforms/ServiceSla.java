package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/**
 * mart.service_sla: after-sales service levels (P-3.4) per month for each rep, team, product and the company: follow-up
 * visits after delivery, ordinary tickets answered within N working days, complex tickets with progress updates,
 * complaint resolution time and the satisfaction afterwards.
 */
final class ServiceSla implements Mart {
    static final TableId TABLE = TableId.of("mart.service_sla");
    private static final String COMPANY = " FROM {{this}} WHERE level = 'company'";

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.crm_reps", "raw.crm_visits", "raw.crm_service_tickets", "raw.crm_ticket_updates", "raw.crm_complaints",
                "raw.crm_satisfaction_surveys", "raw.orders_orders", "raw.orders_order_lines", "raw.orders_shipments");
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "level", "rep_id", "team_id", "product_id")),
                DataCheck.notNull(List.of("month", "level", "deliveries", "tickets", "complex_tickets", "complaints")),
                DataCheck.rows("every ordinary ticket is in time, late, overdue or awaiting its answer",
                        "answered_in_time + answered_late + unanswered_overdue + awaiting_answer <> tickets"),
                DataCheck.equal("ordinary tickets reconcile to raw",
                        "SELECT COALESCE(SUM(tickets), 0)" + COMPANY,
                        "SELECT COUNT(*) FROM raw.crm_service_tickets WHERE _op = 'U' AND complexity = 'ordinary'"),
                DataCheck.equal("complaints reconcile to raw",
                        "SELECT COALESCE(SUM(complaints), 0)" + COMPANY, "SELECT COUNT(*) FROM raw.crm_complaints WHERE _op = 'U'"),
                // one scan of the candidate (two subqueries over the same cached candidate tripped Spark's analyzer)
                new DataCheck("reps add up to the company",
                        "SELECT COUNT(*) FROM (SELECT SUM(CASE WHEN level = 'rep' THEN deliveries END) AS reps, "
                                + "SUM(CASE WHEN level = 'company' THEN deliveries END) AS company FROM {{this}}) WHERE NOT (reps <=> company)"));
    }
}
