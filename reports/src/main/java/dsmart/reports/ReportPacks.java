package dsmart.reports;

import static java.util.Objects.requireNonNull;

import dsmart.serving.NamedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The registry of report packs, by name. {@link #standard()} is every pack dsmart ships. */
public final class ReportPacks {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<String, ReportPack> packs = new LinkedHashMap<>();

    public ReportPacks(Collection<? extends ReportPack> packs) {
        for (ReportPack pack : packs) {
            if (!NAME.matcher(pack.name()).matches()) {
                throw new IllegalArgumentException("pack name " + pack.name() + " must be lower-case words joined by '-'");
            }
            if (this.packs.putIfAbsent(pack.name(), pack) != null) {
                throw new IllegalArgumentException("two packs are named " + pack.name());
            }
        }
    }

    /** Every pack dsmart ships. A new pack is added here. */
    public static ReportPacks standard() {
        return new ReportPacks(List.of(new ExecutiveSalesPack(), new CustomerSalesPack(), new HrAppraisalPack(), new CustomerTiersPack(),
                new RiskPack(), new AuditCompliancePack()));
    }

    public ReportPack get(String name) {
        ReportPack pack = packs.get(requireNonNull(name, "name"));
        if (pack == null) {
            throw new IllegalArgumentException("unknown report pack \"" + name + "\"; the packs are " + String.join(", ", packs.keySet()));
        }
        return pack;
    }

    public List<ReportPack> all() {
        return List.copyOf(packs.values());
    }

    /**
     * Every query of every pack for one period and scope: what they would run, with bound values (for
     * engine comparisons and latency benchmarks). Packs that cannot take the period's kind or the scope are skipped.
     */
    public List<NamedQuery> queries(Period period, Scope scope) {
        List<NamedQuery> queries = new ArrayList<>();
        for (ReportPack pack : packs.values()) {
            if (!pack.periodKinds().contains(period.kind()) || (scope.dimension() != null && !pack.scopeDimensions().contains(scope.dimension()))) {
                continue;
            }
            String suffix = scope.isCompany() ? "" : " [" + scope + "]";
            for (NamedQuery query : pack.queries(period, scope)) {
                queries.add(new NamedQuery(query.name() + suffix, query.sql(), query.params()));
            }
            for (ReportPack.Table table : pack.tables(period, scope)) {
                queries.add(new NamedQuery(table.query().name() + suffix, table.query().sql(), table.query().params()));
            }
        }
        return queries;
    }
}
