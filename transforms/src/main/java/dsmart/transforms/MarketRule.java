package dsmart.transforms;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One market alert rule of settings {@code market.rule.<name>}: which indicator series it watches and the
 * condition on each period (see dsmart-defaults.properties for the syntax). {@link #evaluate} scores a dense,
 * period-ordered series of one dimension value; {@link AlertStates} turns the scored periods into alert events.
 */
record MarketRule(String name, String text, String indicator, String grain, String dimension, String value, Kind kind,
        int window, Seasonality seasonality, int minPoints, Direction direction, BigDecimal threshold, int pending, int repeat,
        String severity) {
    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Set<String> KEYS = Set.of("indicator", "grain", "dimension", "value", "kind", "window", "seasonality",
            "min.points", "direction", "threshold", "pending", "repeat", "severity");

    enum Kind { ABSOLUTE, YOY, MA, ZSCORE }

    enum Seasonality { NONE, DAY_OF_WEEK, MONTH_OF_YEAR }

    enum Direction { ABOVE, BELOW, BOTH }

    MarketRule {
        requireNonNull(name, "name");
        requireNonNull(text, "text");
        requireNonNull(indicator, "indicator");
        requireNonNull(grain, "grain");
        requireNonNull(dimension, "dimension");
        requireNonNull(kind, "kind");
        requireNonNull(seasonality, "seasonality");
        requireNonNull(direction, "direction");
        requireNonNull(threshold, "threshold");
        requireNonNull(severity, "severity");
    }

    /** One period of a series: its start and value (null when the indicator has no value, e.g. a zero denominator). */
    record Point(LocalDate period, BigDecimal value) {
        Point {
            requireNonNull(period, "period");
        }
    }

    /**
     * A scored period: baseline (null for absolute), score (the value, % change or z), whether the condition
     * holds; evaluated is false when the period could not be scored (no value, no baseline, too few points).
     */
    record Evaluation(LocalDate period, BigDecimal value, BigDecimal baseline, BigDecimal score, boolean evaluated, boolean breached) {
        Evaluation {
            requireNonNull(period, "period");
        }
    }

    /** The rules named by {@code market.rules}, each parsed from its {@code market.rule.<name>}. */
    static List<MarketRule> all(Settings settings) {
        List<MarketRule> rules = new ArrayList<>();
        for (String name : settings.text("market.rules").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            String key = "market.rule." + name.strip();
            if (!settings.has(key)) {
                throw new SettingsException("market.rules names " + name.strip() + " but " + key + " is not set");
            }
            rules.add(parse(name.strip(), settings.text(key)));
        }
        return rules;
    }

    static MarketRule parse(String name, String text) {
        String key = "market.rule." + name;
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.strip().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || !KEYS.contains(part.substring(0, eq))) {
                throw new SettingsException("bad setting " + key + "=" + text + ": '" + part + "' is not one of " + new java.util.TreeSet<>(KEYS)
                        + " as key=value");
            }
            parts.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try {
            Kind kind = Kind.valueOf(required(parts, "kind").toUpperCase(java.util.Locale.ROOT));
            String grain = oneOf(parts, "grain", null, "daily", "weekly", "monthly");
            int window = Integer.parseInt(parts.getOrDefault("window", "0"));
            if ((kind == Kind.MA || kind == Kind.ZSCORE) && window < 1) {
                throw new IllegalArgumentException("kind " + kind.name().toLowerCase(java.util.Locale.ROOT) + " needs window >= 1");
            }
            int pending = Integer.parseInt(parts.getOrDefault("pending", "1"));
            int repeat = Integer.parseInt(parts.getOrDefault("repeat", "0"));
            int minPoints = Integer.parseInt(parts.getOrDefault("min.points", kind == Kind.ZSCORE ? "2" : "0"));
            if (pending < 1 || repeat < 0 || minPoints < 0 || (kind == Kind.ZSCORE && minPoints < 2)) {
                throw new IllegalArgumentException("pending must be >= 1, repeat >= 0, min.points >= 2 for zscore");
            }
            return new MarketRule(name, text.strip(), required(parts, "indicator"), grain,
                    oneOf(parts, "dimension", "all", "all", "region", "category", "channel"), parts.get("value"), kind, window,
                    Seasonality.valueOf(oneOf(parts, "seasonality", "none", "none", "day_of_week", "month_of_year").toUpperCase(java.util.Locale.ROOT)),
                    minPoints, Direction.valueOf(oneOf(parts, "direction", null, "above", "below", "both").toUpperCase(java.util.Locale.ROOT)),
                    new BigDecimal(required(parts, "threshold")), pending, repeat,
                    oneOf(parts, "severity", "warning", "info", "warning", "critical"));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("bad setting " + key + "=" + text + ": " + e.getMessage());
        }
    }

    private static String required(Map<String, String> parts, String key) {
        String value = parts.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }

    private static String oneOf(Map<String, String> parts, String key, String fallback, String... allowed) {
        String value = parts.getOrDefault(key, fallback);
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", not " + value);
        }
        return value;
    }

    /** Scores every period of a dense series of one dimension value, in period order. */
    List<Evaluation> evaluate(List<Point> series) {
        Map<LocalDate, BigDecimal> byPeriod = new HashMap<>();
        series.forEach(p -> byPeriod.put(p.period(), p.value()));
        List<Evaluation> out = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            Point point = series.get(i);
            BigDecimal value = point.value();
            BigDecimal baseline = null;
            BigDecimal score = null;
            if (value != null) {
                switch (kind) {
                    case ABSOLUTE -> score = value;
                    case YOY -> {
                        baseline = byPeriod.get(yearBefore(point.period()));
                        score = percentChange(value, baseline);
                    }
                    case MA -> {
                        baseline = movingAverage(series, i);
                        score = percentChange(value, baseline);
                    }
                    case ZSCORE -> {
                        List<BigDecimal> points = seasonalBaseline(series, i);
                        if (points.size() >= minPoints) {
                            baseline = mean(points);
                            BigDecimal sd = standardDeviation(points, baseline);
                            score = sd.signum() == 0 ? null : value.subtract(baseline).divide(sd, MATH);
                        }
                    }
                }
            }
            boolean evaluated = score != null;
            boolean breached = evaluated && switch (direction) {
                case ABOVE -> score.compareTo(threshold) > 0;
                case BELOW -> score.compareTo(threshold) < 0;
                case BOTH -> score.abs().compareTo(threshold) > 0;
            };
            out.add(new Evaluation(point.period(), value, scale(baseline), scale(score), evaluated, breached));
        }
        return out;
    }

    /** The same period a year before: 12 months for monthly, 52 weeks (same weekday) for daily and weekly. */
    LocalDate yearBefore(LocalDate period) {
        return grain.equals("monthly") ? period.minusMonths(12) : period.minusDays(364);
    }

    private static BigDecimal percentChange(BigDecimal value, BigDecimal baseline) {
        if (baseline == null || baseline.signum() == 0) {
            return null;
        }
        return value.subtract(baseline).multiply(HUNDRED).divide(baseline.abs(), MATH);
    }

    private BigDecimal movingAverage(List<Point> series, int i) {
        if (i < window) {
            return null;
        }
        List<BigDecimal> points = new ArrayList<>();
        for (int j = i - window; j < i; j++) {
            if (series.get(j).value() == null) {
                return null;
            }
            points.add(series.get(j).value());
        }
        return mean(points);
    }

    /** The previous window periods' values of the same season as period i (all of them without seasonality). */
    private List<BigDecimal> seasonalBaseline(List<Point> series, int i) {
        List<BigDecimal> points = new ArrayList<>();
        LocalDate at = series.get(i).period();
        for (int j = Math.max(0, i - window); j < i; j++) {
            Point p = series.get(j);
            boolean sameSeason = switch (seasonality) {
                case NONE -> true;
                case DAY_OF_WEEK -> p.period().getDayOfWeek() == at.getDayOfWeek();
                case MONTH_OF_YEAR -> p.period().getMonth() == at.getMonth();
            };
            if (sameSeason && p.value() != null) {
                points.add(p.value());
            }
        }
        return points;
    }

    private static BigDecimal mean(List<BigDecimal> points) {
        return points.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(points.size()), MATH);
    }

    /** Sample standard deviation (n - 1). */
    private static BigDecimal standardDeviation(List<BigDecimal> points, BigDecimal mean) {
        BigDecimal squares = points.stream().map(p -> p.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
        return squares.divide(BigDecimal.valueOf(points.size() - 1L), MATH).sqrt(MATH);
    }

    private static BigDecimal scale(BigDecimal value) {
        return value == null ? null : value.setScale(6, RoundingMode.HALF_UP);
    }

    /** The rule in words, for the alert's explanation. */
    String describe() {
        String what = indicator + " " + grain + (dimension.equals("all") ? "" : " by " + dimension) + (value == null ? "" : " " + value);
        String score = switch (kind) {
            case ABSOLUTE -> "value";
            case YOY -> "% change vs the same period a year before";
            case MA -> "% change vs the mean of the previous " + window + " periods";
            case ZSCORE -> "z-score vs the previous " + window + " periods"
                    + (seasonality == Seasonality.NONE ? "" : " of the same " + seasonality.name().toLowerCase(java.util.Locale.ROOT))
                    + " (at least " + minPoints + " points)";
        };
        String condition = switch (direction) {
            case ABOVE -> "> " + threshold.toPlainString();
            case BELOW -> "< " + threshold.toPlainString();
            case BOTH -> "beyond ±" + threshold.toPlainString();
        };
        return name + ": " + what + ", " + score + " " + condition + " for " + pending + " period(s), " + severity
                + (repeat > 0 ? ", repeated every " + repeat + " period(s)" : "");
    }
}
