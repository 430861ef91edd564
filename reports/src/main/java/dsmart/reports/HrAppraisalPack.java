package dsmart.reports;

import dsmart.serving.NamedQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * 绩效考核报表 HR appraisal: one PDF per rep (the five KPIs with their scores, weights and points, the total
 * score and ranks, the rep's training status) and, for HR, one XLSX of all reps (streamed: a sheet of
 * scorecards, a sheet of training compliance). A month reads {@code mart.rep_scorecard_monthly} and the month's quarter of
 * {@code mart.training_compliance}; a year reads {@code mart.rep_scorecard_annual} (KPIs, total, ranks,
 * award candidacy; the annual mart keeps no per-KPI scores) and the year of {@code mart.training_compliance}.
 * Scoped by region or team.
 */
public final class HrAppraisalPack implements ReportPack {
    public static final String NAME = "hr-appraisal";
    static final String TEMPLATE = "dsmart/reports/hr_appraisal.jrxml";

    static final String SCORECARDS = NAME + " scorecards";
    static final String TRAINING = NAME + " training";

    private static final String MONTHLY_SQL = """
            SELECT month AS period_start, rep_id, rep_name, team_id, region_code, position_level,
                   net_sales, gross_profit, new_customers, survey_responses, satisfaction_avg, quota, completion_rate,
                   score_sales, score_profit, score_new_customers, score_satisfaction, score_completion,
                   weight_sales, weight_profit, weight_new_customers, weight_satisfaction, weight_completion,
                   total_score, rank_in_level, reps_in_level, rank_in_team, reps_in_team
            FROM mart.rep_scorecard_monthly
            WHERE month >= ? AND month < ? AND %s
            ORDER BY region_code, team_id, rep_id""";

    private static final String ANNUAL_SQL = """
            SELECT year AS period_start, rep_id, rep_name, team_id, region_code, position_level, months_scored,
                   net_sales, gross_profit, new_customers, survey_responses, satisfaction_avg, quota, completion_rate,
                   total_score, rank_in_level, rank_in_team, eligible, sales_rank, sales_champion, team_rank, best_team
            FROM mart.rep_scorecard_annual
            WHERE year >= ? AND year < ? AND %s
            ORDER BY region_code, team_id, rep_id""";

    private static final String TRAINING_SQL = """
            SELECT period_type, period_start, rep_id, rep_name, team_id, position_level, hired_on, left_on,
                   induction_start, induction_end, induction_days, induction_passed_on, induction_too_short,
                   first_sale_on, sales_before_induction, hours_internal, hours_external, hours_online, hours_recurring, sessions
            FROM mart.training_compliance
            WHERE period_type = ? AND period_start = ? AND %s
            ORDER BY team_id, rep_id""";

    static final String REGION = "region_code IN ({in})";
    static final String TEAM = "CAST(team_id AS VARCHAR) IN ({in})";
    /** mart.training_compliance has no region: through the reps the month's scorecards place in the regions. */
    static final String TRAINING_REGION = "rep_id IN (SELECT s.rep_id FROM mart.rep_scorecard_monthly s WHERE s.region_code IN ({in}))";

    /** The five KPIs: label key, value column, score column, weight column. */
    private static final List<String[]> KPIS = List.of(
            new String[] {"kpi.sales", "net_sales", "score_sales", "weight_sales"},
            new String[] {"kpi.profit", "gross_profit", "score_profit", "weight_profit"},
            new String[] {"kpi.new_customers", "new_customers", "score_new_customers", "weight_new_customers"},
            new String[] {"kpi.satisfaction", "satisfaction_avg", "score_satisfaction", "weight_satisfaction"},
            new String[] {"kpi.completion", "completion_rate", "score_completion", "weight_completion"});

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String labels() {
        return "hr_appraisal";
    }

    @Override
    public Cadence cadence() {
        return Cadence.MONTHLY;
    }

    @Override
    public Set<Period.Kind> periodKinds() {
        return EnumSet.of(Period.Kind.MONTH, Period.Kind.YEAR);
    }

    @Override
    public Set<Scope.Dimension> scopeDimensions() {
        return EnumSet.of(Scope.Dimension.REGION, Scope.Dimension.TEAM);
    }

    @Override
    public List<NamedQuery> queries(Period period, Scope scope) {
        return List.of(scorecards(SCORECARDS, period, scope), training(TRAINING, period, scope));
    }

    private static NamedQuery scorecards(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(REGION, TEAM);
        List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
        params.addAll(condition.params());
        String sql = period.kind() == Period.Kind.MONTH ? MONTHLY_SQL : ANNUAL_SQL;
        return new NamedQuery(name, sql.formatted(condition.sql()), params);
    }

    /** A month reads its quarter's training row, a year its year's. */
    private static NamedQuery training(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(TRAINING_REGION, TEAM);
        LocalDate from = period.from();
        List<Object> params = new ArrayList<>(period.kind() == Period.Kind.MONTH
                ? List.of("quarter", from.withMonth((from.getMonthValue() - 1) / 3 * 3 + 1))
                : List.of("year", from));
        params.addAll(condition.params());
        return new NamedQuery(name, TRAINING_SQL.formatted(condition.sql()), params);
    }

    /** The template of the per-rep documents (suffix {@code rep-<rep_id>}). */
    @Override
    public List<Document> documents() {
        return List.of(new Document("rep", TEMPLATE, EnumSet.of(Format.PDF)));
    }

    /** One PDF per rep of the scorecards, suffix {@code rep-<rep_id>}. */
    @Override
    public List<Document> documents(Answers answers) {
        List<Document> documents = new ArrayList<>();
        for (Map<String, Object> row : answers.get(SCORECARDS).asMaps()) {
            documents.add(new Document("rep-" + ExecutiveSalesPack.toLong(row.get("rep_id")), TEMPLATE, EnumSet.of(Format.PDF)));
        }
        return documents;
    }

    @Override
    public Fill fill(Document document, Answers answers, Labels labels, Period period) {
        long repId = Long.parseLong(document.suffix().substring("rep-".length()));
        Map<String, Object> card = byRep(answers.get(SCORECARDS).asMaps(), repId);
        if (card == null) {
            throw new IllegalStateException(NAME + ": no scorecard for rep " + repId);
        }
        Map<String, Object> training = byRep(answers.get(TRAINING).asMaps(), repId);
        boolean month = period.kind() == Period.Kind.MONTH;

        List<Map<String, Object>> rows = new ArrayList<>();
        for (String[] kpi : KPIS) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("measure", labels.text(kpi[0]));
            out.put("value", kpiValue(kpi[1], card));
            BigDecimal score = month ? ExecutiveSalesPack.toDecimal(card.get(kpi[2])) : null;
            Long weight = month ? ExecutiveSalesPack.toLong(card.get(kpi[3])) : null;
            out.put("score", score);
            out.put("weight", weight);
            out.put("points", score == null || weight == null ? null
                    : score.multiply(BigDecimal.valueOf(weight)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
            rows.add(out);
        }

        List<Map<String, ?>> ranks = new ArrayList<>();
        fact(ranks, labels.text("rank.level"), month
                ? card.get("rank_in_level") + " / " + card.get("reps_in_level") : text(card.get("rank_in_level")));
        fact(ranks, labels.text("rank.team"), month
                ? card.get("rank_in_team") + " / " + card.get("reps_in_team") : text(card.get("rank_in_team")));
        if (!month) {
            fact(ranks, labels.text("annual.months_scored"), text(card.get("months_scored")));
            fact(ranks, labels.text("annual.eligible"), yesNo(card.get("eligible"), labels));
            fact(ranks, labels.text("annual.sales_rank"), text(card.get("sales_rank")));
            fact(ranks, labels.text("annual.sales_champion"), yesNo(card.get("sales_champion"), labels));
            fact(ranks, labels.text("annual.team_rank"), text(card.get("team_rank")));
            fact(ranks, labels.text("annual.best_team"), yesNo(card.get("best_team"), labels));
        }

        List<Map<String, ?>> trainingFacts = new ArrayList<>();
        if (training != null) {
            fact(trainingFacts, labels.text("training.period"), labels.text("training.period." + training.get("period_type"))
                    + " " + date(training.get("period_start")));
            fact(trainingFacts, labels.text("training.induction"), date(training.get("induction_start")) + " – "
                    + date(training.get("induction_end")) + " (" + labels.format("training.days", training.get("induction_days") == null
                    ? "-" : text(training.get("induction_days"))) + ")");
            fact(trainingFacts, labels.text("training.induction_passed_on"), date(training.get("induction_passed_on")));
            fact(trainingFacts, labels.text("training.induction_too_short"), yesNo(training.get("induction_too_short"), labels));
            fact(trainingFacts, labels.text("training.first_sale_on"), date(training.get("first_sale_on")));
            fact(trainingFacts, labels.text("training.sales_before_induction"), text(training.get("sales_before_induction")));
            fact(trainingFacts, labels.text("training.hours_internal"), hours(training.get("hours_internal")));
            fact(trainingFacts, labels.text("training.hours_external"), hours(training.get("hours_external")));
            fact(trainingFacts, labels.text("training.hours_online"), hours(training.get("hours_online")));
            fact(trainingFacts, labels.text("training.hours_recurring"), hours(training.get("hours_recurring")));
            fact(trainingFacts, labels.text("training.sessions"), text(training.get("sessions")));
        }

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("REP", text(card.get("rep_name")) + " (" + text(card.get("rep_id")) + ")");
        parameters.put("REP_DETAILS", labels.text("rep.team") + " " + text(card.get("team_id")) + "    "
                + labels.text("col.region") + " " + text(card.get("region_code")) + "    "
                + labels.text("rep.level") + " " + labels.code("level.", card.get("position_level")));
        parameters.put("TOTAL_SCORE", ExecutiveSalesPack.toDecimal(card.get("total_score")));
        parameters.put("RANKS", new JRMapCollectionDataSource(ranks));
        parameters.put("TRAINING", new JRMapCollectionDataSource(trainingFacts));
        parameters.put("TRAINING_COUNT", trainingFacts.size());
        return new Fill(rows, parameters);
    }

    @Override
    public List<Table> tables(Period period, Scope scope) {
        List<TableColumn> cards = new ArrayList<>(List.of(
                TableColumn.of("period_start", "col.month", TableColumn.Type.MONTH),
                TableColumn.of("rep_id", "col.rep_id", TableColumn.Type.ID),
                TableColumn.of("rep_name", "col.rep_name", TableColumn.Type.TEXT),
                TableColumn.of("team_id", "col.team_id", TableColumn.Type.TEXT),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.code("position_level", "col.position_level", "level."),
                TableColumn.of("net_sales", "kpi.sales", TableColumn.Type.MONEY),
                TableColumn.of("gross_profit", "kpi.profit", TableColumn.Type.MONEY),
                TableColumn.of("new_customers", "kpi.new_customers", TableColumn.Type.COUNT),
                TableColumn.of("satisfaction_avg", "kpi.satisfaction", TableColumn.Type.MONEY),
                TableColumn.of("quota", "col.quota", TableColumn.Type.MONEY),
                TableColumn.of("completion_rate", "kpi.completion", TableColumn.Type.MONEY)));
        if (period.kind() == Period.Kind.MONTH) {
            for (String[] kpi : KPIS) {
                cards.add(TableColumn.of(kpi[2], "col." + kpi[2], TableColumn.Type.MONEY));
                cards.add(TableColumn.of(kpi[3], "col." + kpi[3], TableColumn.Type.COUNT));
            }
            cards.add(TableColumn.of("total_score", "col.total_score", TableColumn.Type.MONEY));
            cards.add(TableColumn.of("rank_in_level", "rank.level", TableColumn.Type.COUNT));
            cards.add(TableColumn.of("reps_in_level", "col.reps_in_level", TableColumn.Type.COUNT));
            cards.add(TableColumn.of("rank_in_team", "rank.team", TableColumn.Type.COUNT));
            cards.add(TableColumn.of("reps_in_team", "col.reps_in_team", TableColumn.Type.COUNT));
        } else {
            cards.set(0, TableColumn.of("period_start", "col.year", TableColumn.Type.DATE));
            cards.add(TableColumn.of("months_scored", "annual.months_scored", TableColumn.Type.COUNT));
            cards.add(TableColumn.of("total_score", "col.total_score", TableColumn.Type.MONEY));
            cards.add(TableColumn.of("rank_in_level", "rank.level", TableColumn.Type.COUNT));
            cards.add(TableColumn.of("rank_in_team", "rank.team", TableColumn.Type.COUNT));
            cards.add(TableColumn.code("eligible", "annual.eligible", "yesno."));
            cards.add(TableColumn.of("sales_rank", "annual.sales_rank", TableColumn.Type.COUNT));
            cards.add(TableColumn.code("sales_champion", "annual.sales_champion", "yesno."));
            cards.add(TableColumn.of("team_rank", "annual.team_rank", TableColumn.Type.COUNT));
            cards.add(TableColumn.code("best_team", "annual.best_team", "yesno."));
        }
        List<TableColumn> training = List.of(
                TableColumn.code("period_type", "training.period", "training.period."),
                TableColumn.of("period_start", "col.period_start", TableColumn.Type.DATE),
                TableColumn.of("rep_id", "col.rep_id", TableColumn.Type.ID),
                TableColumn.of("rep_name", "col.rep_name", TableColumn.Type.TEXT),
                TableColumn.of("team_id", "col.team_id", TableColumn.Type.TEXT),
                TableColumn.code("position_level", "col.position_level", "level."),
                TableColumn.of("hired_on", "col.hired_on", TableColumn.Type.DATE),
                TableColumn.of("left_on", "col.left_on", TableColumn.Type.DATE),
                TableColumn.of("induction_start", "col.induction_start", TableColumn.Type.DATE),
                TableColumn.of("induction_end", "col.induction_end", TableColumn.Type.DATE),
                TableColumn.of("induction_days", "col.induction_days", TableColumn.Type.COUNT),
                TableColumn.of("induction_passed_on", "training.induction_passed_on", TableColumn.Type.DATE),
                TableColumn.code("induction_too_short", "training.induction_too_short", "yesno."),
                TableColumn.of("first_sale_on", "training.first_sale_on", TableColumn.Type.DATE),
                TableColumn.of("sales_before_induction", "training.sales_before_induction", TableColumn.Type.COUNT),
                TableColumn.of("hours_internal", "training.hours_internal", TableColumn.Type.MONEY),
                TableColumn.of("hours_external", "training.hours_external", TableColumn.Type.MONEY),
                TableColumn.of("hours_online", "training.hours_online", TableColumn.Type.MONEY),
                TableColumn.of("hours_recurring", "training.hours_recurring", TableColumn.Type.MONEY),
                TableColumn.of("sessions", "training.sessions", TableColumn.Type.COUNT));
        return List.of(
                new Table("", scorecards(NAME + " all scorecards", period, scope), cards, EnumSet.of(Format.XLSX), "sheet.scorecards"),
                new Table("", training(NAME + " all training", period, scope), training, EnumSet.of(Format.XLSX), "sheet.training"));
    }

    private static Map<String, Object> byRep(List<Map<String, Object>> rows, long repId) {
        for (Map<String, Object> row : rows) {
            if (Long.valueOf(repId).equals(ExecutiveSalesPack.toLong(row.get("rep_id")))) {
                return row;
            }
        }
        return null;
    }

    private static String kpiValue(String column, Map<String, Object> card) {
        Object value = card.get(column);
        if (value == null) {
            return "";
        }
        return switch (column) {
            case "net_sales", "gross_profit" -> format("#,##0.00", value);
            case "new_customers" -> format("#,##0", value);
            case "satisfaction_avg" -> format("0.00", value) + " (" + text(card.get("survey_responses")) + ")";
            case "completion_rate" -> format("0.0%", value) + " / " + (card.get("quota") == null ? "" : format("#,##0.00", card.get("quota")));
            default -> text(value);
        };
    }

    private static String format(String pattern, Object value) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(ExecutiveSalesPack.toDecimal(value));
    }

    private static String hours(Object value) {
        return value == null ? "" : format("#,##0.0", value);
    }

    private static void fact(List<Map<String, ?>> facts, String label, String value) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("label", label);
        fact.put("value", value);
        facts.add(fact);
    }

    private static String yesNo(Object value, Labels labels) {
        return value == null ? "" : labels.code("yesno.", value);
    }

    private static String date(Object value) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate().toString();
        }
        return value == null ? "-" : value.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
