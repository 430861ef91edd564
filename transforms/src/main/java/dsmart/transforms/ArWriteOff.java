package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/** mart.ar_write_off: every bad-debt write-off with its invoice, approval, date, amount and evidence. */
final class ArWriteOff implements Mart {
    static final TableId TABLE = TableId.of("mart.ar_write_off");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("write_off_id")),
                DataCheck.notNull(List.of("write_off_id", "written_off_on", "invoice_id", "customer_id", "amount")),
                DataCheck.rows("every write-off names an invoice of finance",
                        "invoice_no IS NULL"),
                DataCheck.equal("Σ amount equals the write-offs of staging",
                        "SELECT CAST(COALESCE(SUM(amount), 0) AS DECIMAL(18,2)) FROM {{this}}",
                        "SELECT CAST(COALESCE(SUM(amount), 0) AS DECIMAL(18,2)) FROM stg_write_offs"));
    }
}
