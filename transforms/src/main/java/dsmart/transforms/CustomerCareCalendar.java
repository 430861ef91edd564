package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * mart.customer_care_calendar: per tiered customer and month, regular contact judged against the tier's contact
 * frequency, and the birthday and holiday greetings due for A customers with whether they were sent (P-4.2, P-4.3).
 */
final class CustomerCareCalendar implements Mart {
    static final TableId TABLE = TableId.of("mart.customer_care_calendar");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        List<String> inputs = new ArrayList<>(new CustomerTierHistory().requires());
        inputs.addAll(List.of("raw.crm_customers", "raw.crm_contacts", "raw.crm_communications", "raw.crm_visits", "raw.crm_care_events",
                "mart.customer_tier_history"));
        return inputs;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "customer_id", "item", "occasion")),
                DataCheck.notNull(List.of("month", "customer_id", "tier", "item", "occasion", "judged_on", "status")),
                DataCheck.equal("one contact row per tiered customer-month", "SELECT COUNT(*) FROM {{this}} WHERE item = 'contact'",
                        "SELECT COUNT(*) FROM mart.customer_tier_history"),
                DataCheck.rows("greetings only for A customers", "item = 'greeting' AND tier <> 'A'"));
    }
}
