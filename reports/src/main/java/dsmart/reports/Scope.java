package dsmart.reports;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whose figures a pack shows: the whole company, some regions (region codes such as {@code EAST}) or
 * some teams (team ids). Packs apply it in their SQL with bound values ({@link #condition}); the web
 * passes the requester's own scope as the limit ({@link #within}) so nobody gets more than theirs.
 */
public record Scope(SortedSet<String> regions, SortedSet<String> teams) {
    public enum Dimension { REGION, TEAM }

    /** Region codes and team ids: 1 to 32 letters, digits, '_' or '-' (they also name archived files). */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Scope COMPANY = new Scope(new TreeSet<>(), new TreeSet<>());

    public Scope {
        regions = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(regions, "regions")));
        teams = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(teams, "teams")));
        if (!regions.isEmpty() && !teams.isEmpty()) {
            throw new IllegalArgumentException("a scope is regions or teams, not both: regions " + regions + ", teams " + teams);
        }
        for (String code : regions) {
            check("region", code);
        }
        for (String code : teams) {
            check("team", code);
        }
    }

    public static Scope company() {
        return COMPANY;
    }

    public static Scope regions(Collection<String> codes) {
        return new Scope(new TreeSet<>(codes), new TreeSet<>());
    }

    public static Scope regions(String... codes) {
        return regions(List.of(codes));
    }

    public static Scope teams(Collection<String> ids) {
        return new Scope(new TreeSet<>(), new TreeSet<>(ids));
    }

    public static Scope teams(String... ids) {
        return teams(List.of(ids));
    }

    public boolean isCompany() {
        return regions.isEmpty() && teams.isEmpty();
    }

    /** The dimension it limits, or null for the whole company. */
    public Dimension dimension() {
        return !regions.isEmpty() ? Dimension.REGION : !teams.isEmpty() ? Dimension.TEAM : null;
    }

    /**
     * This request limited to what {@code allowed} (the requester's own scope) may see: the whole company
     * asked by a regional requester becomes their regions; a subset of theirs stays as asked; anything
     * wider is refused (never silently widened or cut). A team scope inside a region scope cannot be
     * checked without data and is refused too.
     */
    public Scope within(Scope allowed) {
        requireNonNull(allowed, "allowed");
        if (allowed.isCompany()) {
            return this;
        }
        if (isCompany()) {
            return allowed;
        }
        if (dimension() == allowed.dimension() && codes(allowed).containsAll(codes(this))) {
            return this;
        }
        throw new ScopeException("scope " + this + " is wider than the requester's scope " + allowed);
    }

    private static SortedSet<String> codes(Scope scope) {
        return scope.dimension() == Dimension.REGION ? scope.regions : scope.teams;
    }

    /** SQL with its bound values, to AND into a WHERE clause. */
    public record Condition(String sql, List<Object> params) {
        public Condition {
            requireNonNull(sql, "sql");
            params = List.copyOf(params);
        }
    }

    /**
     * The condition that limits a query to this scope. {@code regionSql} and {@code teamSql} are the
     * query's own tests with {@code {in}} where the codes go, e.g. {@code "region_code IN ({in})"}; null
     * where the query cannot filter by that dimension, in which case a scope over it is refused rather
     * than ignored. The whole company gives {@code 1 = 1}.
     */
    public Condition condition(String regionSql, String teamSql) {
        Dimension dimension = dimension();
        if (dimension == null) {
            return new Condition("1 = 1", List.of());
        }
        String template = dimension == Dimension.REGION ? regionSql : teamSql;
        if (template == null) {
            throw new ScopeException("this query cannot be limited to " + this + ": its tables have no "
                    + dimension.name().toLowerCase(java.util.Locale.ROOT) + " column");
        }
        if (!template.contains("{in}")) {
            throw new IllegalArgumentException("scope condition " + template + " has no {in} for the codes");
        }
        SortedSet<String> codes = codes(this);
        String marks = codes.stream().map(code -> "?").collect(Collectors.joining(", "));
        return new Condition("(" + template.replace("{in}", marks) + ")", new ArrayList<>(codes));
    }

    /** Part of archived file names: {@code all}, {@code region-EAST+SOUTH} or {@code team-T07}. */
    public String key() {
        return switch (dimension() == null ? "all" : dimension().name()) {
            case "REGION" -> "region-" + String.join("+", regions);
            case "TEAM" -> "team-" + String.join("+", teams);
            default -> "all";
        };
    }

    /** The inverse of {@link #key()}. */
    public static Scope ofKey(String key) {
        if ("all".equals(key)) {
            return company();
        }
        if (key != null && key.startsWith("region-")) {
            return regions(List.of(key.substring("region-".length()).split("\\+")));
        }
        if (key != null && key.startsWith("team-")) {
            return teams(List.of(key.substring("team-".length()).split("\\+")));
        }
        throw new IllegalArgumentException("scope key \"" + key + "\" is not all, region-… or team-…");
    }

    /** As shown to readers in their language. */
    public String describe(Labels labels) {
        return switch (dimension() == null ? "all" : dimension().name()) {
            case "REGION" -> labels.text("scope.regions") + " " + String.join(", ", regions);
            case "TEAM" -> labels.text("scope.teams") + " " + String.join(", ", teams);
            default -> labels.text("scope.company");
        };
    }

    @Override
    public String toString() {
        return key();
    }

    private static void check(String what, String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new ScopeException(what + " \"" + code + "\" is not a code (1 to 32 letters, digits, '_' or '-')");
        }
    }

    /** A scope that is malformed, cannot be applied, or is wider than allowed. */
    public static final class ScopeException extends IllegalArgumentException {
        public ScopeException(String message) {
            super(message);
        }
    }
}
