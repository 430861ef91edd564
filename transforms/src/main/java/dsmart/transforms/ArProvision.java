package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/** mart.ar_provision: bad-debt provision per as-of date and customer, and the company total. */
final class ArProvision implements Mart {
    static final TableId TABLE = TableId.of("mart.ar_provision");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public Optional<Partial> partial() {
        return Optional.of(Receivables.AS_OF);
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("as_of_date", "level", "customer_id")),
                DataCheck.notNull(List.of("level", "as_of_date", "month", "outstanding", "provision")),
                new DataCheck("receivables.provision.rates has one rate per ageing bucket (two more than receivables.ageing.buckets)",
                        "SELECT CASE WHEN size(split('{{setting:receivables.provision.rates}}', ',')) "
                                + "= size(split('{{setting:receivables.ageing.buckets}}', ',')) + 2 THEN 0 ELSE 1 END"),
                Receivables.reconcilesToBalance("company outstanding reconciles to the ledger balance per as-of date",
                        "CASE WHEN level = 'company' THEN outstanding END"),
                new DataCheck("customer provisions add up to the company's",
                        "SELECT COUNT(*) FROM (SELECT as_of_date, SUM(CASE WHEN level = 'customer' THEN provision ELSE 0 END) AS c, "
                                + "SUM(CASE WHEN level = 'company' THEN provision ELSE 0 END) AS t FROM {{this}} GROUP BY as_of_date) "
                                + "WHERE c <> t", false, List.of("as_of_date")));
    }
}
