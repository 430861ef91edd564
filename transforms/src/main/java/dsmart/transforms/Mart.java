package dsmart.transforms;

import dsmart.lake.Settings;
import dsmart.lake.TableId;
import java.time.LocalDate;
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
     * How a mart is rebuilt in part: its rows whose DATE {@link #column()} is on or after a first date are replaced, the
     * earlier ones kept. It promises that a source row changes only rows from {@link #first} of the earliest business date
     * the row carries (before and after the change) on, so that a run rebuilds those alone ({@link ChangedInputs}).
     */
    sealed interface Partial permits AsOf, Periods {
        String column();

        /** The table's partitioning, as Spark DDL: a rebuild replaces whole partitions. */
        String partitionedBy();

        /** The first value of {@link #column()} to rebuild when changes reach back to {@code changed}. */
        LocalDate first(LocalDate changed);

        /** What one value of {@link #column()} stands for, in progress messages: "as-of date" or "period". */
        String unit();
    }

    /**
     * An as-of mart: one set of rows per as-of date in {@code column}, the dates coming from staging view {@code view}'s
     * column of the same name; a rebuild computes the dates from the first on only (the view restricted to them).
     */
    record AsOf(String column, String view) implements Partial {
        public AsOf {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(view, "view");
        }

        @Override
        public String partitionedBy() {
            return "`" + column + "`";
        }

        @Override
        public LocalDate first(LocalDate changed) {
            return changed;
        }

        @Override
        public String unit() {
            return "as-of date";
        }
    }

    /**
     * A mart of periods: rows per period whose first day is in {@code column}, of the grains {@code grains} (Spark
     * {@code date_trunc} units: WEEK, MONTH, QUARTER, YEAR), each period's rows depending only on events up to its end
     * (periods to date and trailing windows, not later ones). A change dated d reaches every period that contains d or
     * starts after it; the rebuild starts at the month of the earliest such period start, the table being partitioned by
     * month. A rebuild computes the mart's SQL whole and keeps the periods from that month on (Spark pushes the filter
     * into what it can).
     */
    record Periods(String column, List<String> grains) implements Partial {
        private static final List<String> UNITS = List.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

        public Periods {
            Objects.requireNonNull(column, "column");
            grains = List.copyOf(grains);
            for (String grain : grains) {
                if (!UNITS.contains(grain)) {
                    throw new IllegalArgumentException("grain " + grain + " of " + column + " is not one of " + UNITS);
                }
            }
        }

        @Override
        public String partitionedBy() {
            return "months(`" + column + "`)";
        }

        @Override
        public LocalDate first(LocalDate changed) {
            LocalDate first = changed;
            for (String grain : grains) {
                LocalDate start = switch (grain) {
                    case "WEEK" -> changed.with(java.time.DayOfWeek.MONDAY);
                    case "MONTH" -> changed.withDayOfMonth(1);
                    case "QUARTER" -> changed.withDayOfMonth(1).withMonth((changed.getMonthValue() - 1) / 3 * 3 + 1);
                    case "YEAR" -> changed.withDayOfYear(1);
                    default -> changed;
                };
                first = start.isBefore(first) ? start : first;
            }
            return first.withDayOfMonth(1);
        }

        @Override
        public String unit() {
            return "period";
        }
    }

    /** How the mart is rebuilt in part when its inputs changed; empty when it is rebuilt whole. */
    default Optional<Partial> partial() {
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
