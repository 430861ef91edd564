package dsmart.transforms;

import dsmart.lake.Settings;
import dsmart.lake.TableId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A mart table: the SQL that makes it (dsmart/transforms/<name>.sql) and the checks it must pass. */
interface Mart {
    TableId table();

    List<DataCheck> checks();

    /** Raw tables the mart reads; when one is absent the runner skips the mart (nothing published, nothing failed). */
    default List<String> requires() {
        return List.of();
    }

    /**
     * Whether the mart's rows depend on state outside the lake (not raw tables, other marts or settings), so that it is
     * rebuilt every run even when its inputs in the lake are unchanged.
     */
    default boolean readsOutsideLake() {
        return false;
    }

    /**
     * An as-of mart: one set of rows per as-of date in {@code column}, the dates coming from staging view {@code view}'s
     * column of the same name. It promises that a source row changes only its rows for as-of dates on or after the earliest
     * business date the row carries (before and after the change), so that a run rebuilds those dates alone
     * ({@link ChangedInputs}).
     */
    record AsOf(String column, String view) {
        public AsOf {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(view, "view");
        }
    }

    /** Whether the mart is an as-of mart, rebuilt from the earliest changed date when it can be. */
    default Optional<AsOf> asOf() {
        return Optional.empty();
    }

    /** Called before the mart's SQL runs, e.g. to expose its previous snapshot as a temporary view. */
    default void prepare(org.apache.spark.sql.SparkSession spark) {}

    default String sql() {
        return Models.sql(table().name());
    }

    /** The SQL with {@code {{setting:key}}} placeholders replaced by the settings' values. */
    default String sql(Settings settings) {
        return settings.fill(sql());
    }

    /** The candidate rows: the SQL's result; a mart computed partly in Java (mart.market_alert) overrides this. */
    default Dataset<Row> rows(SparkSession spark, Settings settings, String sql) {
        return spark.sql(sql);
    }
}
