package dsmart.ingestion;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Validation in Spark: adds the column _reasons (every rule a row breaks) for required columns, accepted values and
 * references to other lake tables. File feeds check types, required and accepted values while parsing and come
 * here for references only.
 */
final class Checks {
    static final String REASONS = "_reasons";

    private Checks() {}

    /** rows with _reasons added (or extended, when rows already have it). */
    static Dataset<Row> reasons(SparkSession spark, Dataset<Row> rows, Rules rules, List<String> keys, boolean requiredAndAccepted) {
        return reasons(spark, rows, rules, keys, requiredAndAccepted, false);
    }

    /** With repeatedKeys, rows sharing a key with another row of the batch are refused too (all of them). */
    static Dataset<Row> reasons(SparkSession spark, Dataset<Row> rows, Rules rules, List<String> keys, boolean requiredAndAccepted,
            boolean repeatedKeys) {
        List<Column> reasons = new ArrayList<>();
        List<String> columns = List.of(rows.columns());
        List<String> helpers = new ArrayList<>();
        if (repeatedKeys) {
            rows = rows.withColumn("__key_rows", org.apache.spark.sql.functions.count(lit(1)).over(
                    org.apache.spark.sql.expressions.Window.partitionBy(keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new))));
            helpers.add("__key_rows");
            reasons.add(when(col("__key_rows").gt(1), concat(lit("key "), keyText(keys), lit(" is on "),
                    col("__key_rows").cast(DataTypes.StringType), lit(" rows of this read"))));
        }
        if (requiredAndAccepted) {
            for (String name : rules.required()) {
                Column value = col("`" + name + "`");
                Column empty = value.isNull();
                if (rows.schema().apply(name).dataType().equals(DataTypes.StringType)) {
                    empty = empty.or(trim(value).equalTo(""));
                }
                reasons.add(when(empty, lit(name + ": required" + (keys.contains(name) ? " (key)" : "") + ", but empty")));
            }
            for (Map.Entry<String, java.util.Set<String>> accepted : rules.accepted().entrySet()) {
                Column value = col("`" + accepted.getKey() + "`").cast(DataTypes.StringType);
                reasons.add(when(value.isNotNull().and(not(value.isin(accepted.getValue().toArray()))),
                        concat(lit(accepted.getKey() + ": '"), value, lit("' is not one of " + String.join("|", accepted.getValue())))));
            }
        }
        int i = 0;
        for (Map.Entry<String, Rules.Reference> reference : rules.references().entrySet()) {
            Rules.Reference target = reference.getValue();
            if (!spark.catalog().tableExists(target.table()) || !List.of(spark.table(target.table()).columns()).contains(target.column())) {
                throw new IngestionException("setting " + target.setting() + "=" + target + ": the lake has no such table column yet "
                        + "(list its source earlier in ingest.tables)", null);
            }
            String helper = "__ref_" + i++;
            helpers.add(helper);
            Dataset<Row> present = spark.table(target.table()).select(col("`" + target.column() + "`").as(helper)).distinct();
            Column value = col("`" + reference.getKey() + "`");
            rows = rows.join(present, value.equalTo(col(helper)), "left");
            reasons.add(when(value.isNotNull().and(col(helper).isNull()),
                    concat(lit(reference.getKey() + ": '"), value.cast(DataTypes.StringType), lit("' is not in " + target))));
        }
        if (reasons.isEmpty() && columns.contains(REASONS)) {
            return rows;
        }
        Column found = reasons.isEmpty() ? array().cast(DataTypes.createArrayType(DataTypes.StringType))
                : array_compact(array(reasons.toArray(Column[]::new)));
        Column all = columns.contains(REASONS) ? concat(col(REASONS), found) : found;
        rows = rows.withColumn(REASONS, all);
        return helpers.isEmpty() ? rows : rows.drop(helpers.toArray(String[]::new));
    }

    static Dataset<Row> good(Dataset<Row> checked) {
        return checked.where(size(col(REASONS)).equalTo(0)).drop(REASONS);
    }

    static Dataset<Row> bad(Dataset<Row> checked) {
        return checked.where(size(col(REASONS)).gt(0));
    }

    static Column keyText(List<String> keys) {
        List<Column> parts = new ArrayList<>();
        for (String key : keys) {
            parts.add(concat(lit(key + "="), coalesce(col("`" + key + "`").cast(DataTypes.StringType), lit("null"))));
        }
        return concat_ws(", ", parts.toArray(Column[]::new));
    }

    /** Quarantine rows of a JDBC table: locator is the key, record the row as JSON. */
    static Dataset<Row> quarantineRows(Dataset<Row> bad, String runId, String source, List<String> keys, List<String> dataColumns) {
        Column record = to_json(struct(dataColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new)),
                Map.of("ignoreNullFields", "false"));
        return bad.select(lit(runId).as("run_id"), lit(source).as("source"), keyText(keys).as("locator"),
                record.as("record"), to_json(col(REASONS)).as("reasons"), size(col(REASONS)).as("reason_count"),
                current_timestamp().as("quarantined_at"));
    }
}
