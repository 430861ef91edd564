package dsmart.sources;

import dsmart.lake.SettingsException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The policy breaches the generator plants, each at a rate over its population (the units it can happen
 * to). The generator records every planted breach that is visible in the generated snapshot in the truth
 * files (see {@link Truth}); docs/sources.md gives each rule's exact definition.
 */
public enum Rule {
    ORDER_WITHOUT_SIGNED_CONTRACT("P-3.3", "orders.orders", "confirmed orders", 0.02),
    CONTRACT_WITHOUT_LEGAL_REVIEW("P-5.3", "orders.contracts", "signed contracts", 0.02),
    ORDER_AMOUNT_NOT_CONTRACT_AMOUNT("P-3.3", "orders.orders", "confirmed orders with a contract", 0.015),
    SHIPMENT_WITHOUT_PASSED_INSPECTION("P-3.3", "orders.shipments", "shipments", 0.015),
    TRACKING_NOT_SENT("P-3.3", "orders.shipments", "shipments", 0.02),
    OVER_CREDIT_LIMIT_WITHOUT_OVERRIDE("P-5.2", "orders.orders", "confirmed orders over the credit limit", 0.15),
    SALE_BEFORE_INDUCTION_PASSED("P-2.2", "orders.orders", "reps hired during the period (rate per rep)", 0.3),
    INDUCTION_TOO_SHORT("P-2.2", "crm.training_records", "induction records", 0.05),
    TICKET_ANSWERED_LATE("P-3.4", "crm.service_tickets", "ordinary tickets", 0.08),
    COMPLEX_TICKET_WITHOUT_PROGRESS("P-3.4", "crm.service_tickets", "resolved complex tickets", 0.1),
    COMPLAINT_PAST_DEADLINE("P-3.4", "crm.complaints", "complaints", 0.1),
    NO_FOLLOW_UP_AFTER_DELIVERY("P-3.4", "orders.orders", "orders delivered at least the follow-up days before the as-of time", 0.03),
    COLLECTION_ACTION_MISSED("P-5.2", "finance.invoices", "collection actions due (invoice x level)", 0.05),
    DUPLICATE_ORDER("P-6.1", "orders.orders", "confirmed orders", 0.003),
    ORDER_NUMBER_GAP("P-6.1", "orders.orders", "order numbers issued", 0.002),
    EXPENSE_OUTLIER("P-6.1", "crm.reps", "reps employed from the start (at least one rep when the rate is above 0)", 0.03),
    CUSTOMER_RECORD_INCOMPLETE("P-4.1", "crm.customers", "customers", 0.02);

    private final String clause;
    private final String entity;
    private final String population;
    private final double defaultRate;

    Rule(String clause, String entity, String population, double defaultRate) {
        this.clause = clause;
        this.entity = entity;
        this.population = population;
        this.defaultRate = defaultRate;
    }

    /** The rule's id in the truth files: its name in lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String clause() {
        return clause;
    }

    /** The table (system.table) whose key the truth's entity_id holds. */
    public String entity() {
        return entity;
    }

    public String population() {
        return population;
    }

    public double defaultRate() {
        return defaultRate;
    }

    public static Rule of(String id) {
        for (Rule rule : values()) {
            if (rule.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown breach rule " + id);
    }

    /**
     * The rates setting generator.breaches asks for: empty for the defaults, {@code none} for a clean
     * company, or {@code rule=rate,...} (after an optional {@code none,}) to change single rates.
     */
    static Map<Rule, Double> rates(String setting) {
        Map<Rule, Double> rates = new EnumMap<>(Rule.class);
        for (Rule rule : values()) {
            rates.put(rule, rule.defaultRate);
        }
        String value = setting.strip();
        if (value.isEmpty()) {
            return rates;
        }
        for (String item : value.split(",")) {
            String entry = item.strip();
            if (entry.equalsIgnoreCase("none")) {
                rates.replaceAll((rule, rate) -> 0.0);
                continue;
            }
            int equals = entry.indexOf('=');
            try {
                if (equals < 0) {
                    throw new IllegalArgumentException("expected rule=rate");
                }
                Rule rule = of(entry.substring(0, equals));
                double rate = Double.parseDouble(entry.substring(equals + 1).strip());
                if (!(rate >= 0 && rate <= 1)) {
                    throw new IllegalArgumentException("a rate is between 0 and 1");
                }
                rates.put(rule, rate);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("bad setting generator.breaches=" + setting + ": " + entry + ": " + e.getMessage()
                        + " (empty, none, or rule=rate,... with rules " + java.util.Arrays.stream(values()).map(Rule::id).toList() + ")");
            }
        }
        return rates;
    }
}
