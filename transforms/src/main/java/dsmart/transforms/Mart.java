package dsmart.transforms;

import dsmart.lake.Settings;
import dsmart.lake.TableId;
import java.util.List;

/** A mart table: the SQL that makes it (dsmart/transforms/<name>.sql) and the checks it must pass. */
interface Mart {
    TableId table();

    List<DataCheck> checks();

    default String sql() {
        return Models.sql(table().name());
    }

    /** The SQL with settings applied; marts without settings use {@link #sql()} as it is. */
    default String sql(Settings settings) {
        return sql();
    }
}
