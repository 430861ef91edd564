package dsmart.transforms;

import static org.apache.spark.sql.functions.col;

import dsmart.lake.AlertAcks;
import dsmart.lake.Settings;
import dsmart.lake.TableId;
import dsmart.lake.spark.Sparks;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * mart.market_alert: the alert history of the market rules (settings {@code market.rules}) over
 * mart.market_indicator: one row per alert event (pending, firing, repeat, resolved, cancelled), keyed by
 * alert id (rule : dimension value : episode start) and period, each explaining itself, with the alert's latest
 * acknowledgement from ops.alert_ack. The series are small (periods x dimension values of a rule), so each rule's
 * series is collected and scored in plain Java ({@link MarketRule}, {@link AlertStates}).
 */
final class MarketAlert implements Mart {
    static final TableId TABLE = TableId.of("mart.market_alert");
    private static final StructType SCHEMA = new StructType(new StructField[] {
        field("alert_id", DataTypes.StringType), field("rule", DataTypes.StringType), field("severity", DataTypes.StringType),
        field("indicator", DataTypes.StringType), field("grain", DataTypes.StringType), field("dimension", DataTypes.StringType),
        field("dimension_value", DataTypes.StringType), field("period_start", DataTypes.DateType), field("event", DataTypes.StringType),
        field("state", DataTypes.StringType), field("episode_start", DataTypes.DateType), field("fired_at", DataTypes.DateType),
        field("breached_periods", DataTypes.IntegerType), field("value", DataTypes.createDecimalType(30, 6)),
        field("baseline", DataTypes.createDecimalType(30, 6)), field("score", DataTypes.createDecimalType(30, 6)),
        field("threshold", DataTypes.createDecimalType(30, 6)), field("kind", DataTypes.StringType),
        field("direction", DataTypes.StringType), field("rule_text", DataTypes.StringType), field("explanation", DataTypes.StringType),
        field("is_latest", DataTypes.BooleanType), field("acknowledged_by", DataTypes.StringType),
        field("acknowledged_at", DataTypes.TimestampType), field("ack_note", DataTypes.StringType)});

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("mart.market_indicator");
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("alert_id", "period_start")),
                DataCheck.notNull(List.of("alert_id", "rule", "severity", "period_start", "event", "state", "episode_start", "rule_text",
                        "explanation", "is_latest")),
                DataCheck.rows("an alert starts pending or firing",
                        "period_start = episode_start AND event NOT IN ('pending', 'firing')"),
                DataCheck.rows("only a fired alert resolves or repeats",
                        "event IN ('resolved', 'repeat') AND fired_at IS NULL"),
                new DataCheck("one latest row per alert",
                        "SELECT COUNT(*) FROM (SELECT alert_id FROM {{this}} GROUP BY alert_id HAVING SUM(CASE WHEN is_latest THEN 1 ELSE 0 END) <> 1)"));
    }

    /** Acknowledgements are kept by the dashboard, outside the lake. */
    @Override
    public boolean readsOutsideLake() {
        return true;
    }

    @Override
    public Dataset<Row> rows(SparkSession spark, Settings settings, String sql) {
        Map<String, AlertAcks.Ack> acks = latestAcks(AlertAcks.open(settings).all());
        Dataset<Row> indicators = spark.sql(sql);
        List<Row> out = new ArrayList<>();
        for (MarketRule rule : MarketRule.all(settings)) {
            Dataset<Row> series = indicators.where(col("grain").equalTo(rule.grain()).and(col("indicator").equalTo(rule.indicator()))
                    .and(col("dimension").equalTo(rule.dimension())));
            if (rule.value() != null) {
                series = series.where(col("dimension_value").equalTo(rule.value()));
            }
            Map<String, List<MarketRule.Point>> byValue = new LinkedHashMap<>();
            for (Row row : series.select("dimension_value", "period_start", "value").orderBy("dimension_value", "period_start").collectAsList()) {
                byValue.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
                        .add(new MarketRule.Point(Sparks.date(row.get(1)), row.isNullAt(2) ? null : row.getDecimal(2)));
            }
            byValue.forEach((dimensionValue, points) -> out.addAll(rows(rule, dimensionValue, points, acks)));
        }
        return spark.createDataFrame(out, SCHEMA);
    }

    /** The alert rows of one rule x dimension value (plain Java: testable without Spark). */
    static List<Row> rows(MarketRule rule, String dimensionValue, List<MarketRule.Point> points, Map<String, AlertAcks.Ack> acks) {
        List<AlertStates.Transition> transitions = AlertStates.run(rule.evaluate(points), rule.pending(), rule.repeat());
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < transitions.size(); i++) {
            last.put(alertId(rule, dimensionValue, transitions.get(i).episodeStart()), i);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
            AlertStates.Transition t = transitions.get(i);
            String id = alertId(rule, dimensionValue, t.episodeStart());
            AlertAcks.Ack ack = acks.get(id);
            MarketRule.Evaluation at = t.at();
            rows.add(RowFactory.create(id, rule.name(), rule.severity(), rule.indicator(), rule.grain(), rule.dimension(), dimensionValue,
                    Date.valueOf(at.period()), lower(t.event()), t.state(), Date.valueOf(t.episodeStart()),
                    t.firedAt() == null ? null : Date.valueOf(t.firedAt()), t.breachedPeriods(), at.value(), at.baseline(), at.score(),
                    rule.threshold(), lower(rule.kind()), lower(rule.direction()), rule.text(), explanation(rule, dimensionValue, t),
                    last.get(id) == i, ack == null ? null : ack.acknowledgedBy(),
                    ack == null ? null : Timestamp.from(ack.acknowledgedAt()), ack == null ? null : ack.note()));
        }
        return rows;
    }

    static String alertId(MarketRule rule, String dimensionValue, LocalDate episodeStart) {
        return rule.name() + ":" + dimensionValue + ":" + episodeStart;
    }

    static String explanation(MarketRule rule, String dimensionValue, AlertStates.Transition t) {
        MarketRule.Evaluation at = t.at();
        String subject = rule.indicator() + " (" + rule.grain() + (rule.dimension().equals("all") ? "" : ", " + rule.dimension() + " "
                + dimensionValue) + ") for " + at.period();
        String figures = at.value() == null ? "no value" : "value " + plain(at.value())
                + (at.baseline() == null ? "" : ", baseline " + plain(at.baseline()))
                + (at.score() == null ? ", not evaluated" : ", score " + plain(at.score()));
        String verdict = switch (t.event()) {
            case PENDING -> "breaches the threshold, pending (" + t.breachedPeriods() + " of " + rule.pending() + " periods)";
            case FIRING -> "breaches the threshold for " + t.breachedPeriods() + " period(s): firing";
            case REPEAT -> "still breaching after " + t.breachedPeriods() + " periods: notified again";
            case RESOLVED -> "back within the threshold: resolved";
            case CANCELLED -> "back within the threshold before firing: cancelled";
        };
        return subject + ": " + figures + "; " + verdict + ". Rule " + rule.describe();
    }

    private static Map<String, AlertAcks.Ack> latestAcks(List<AlertAcks.Ack> acks) {
        Map<String, AlertAcks.Ack> latest = new HashMap<>();
        for (AlertAcks.Ack ack : acks) {
            latest.merge(ack.alertId(), ack, (a, b) -> Comparator.comparing(AlertAcks.Ack::acknowledgedAt).compare(a, b) > 0 ? a : b);
        }
        return latest;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
