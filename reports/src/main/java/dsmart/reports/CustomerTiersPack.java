package dsmart.reports;

import dsmart.serving.NamedQuery;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * 客户分级名单 Customer tiers (P-4.2): for the period's month, the A/B/C counts by region, the A list (highest
 * score first) and the month's migrations (up, down, new) with their reasons. PDF and XLSX from
 * {@code customer_tiers.jrxml}, every tiered customer of the month as a streamed XLSX table.
 *
 * <p>The tiers are those of the month in {@code mart.customer_tier_history} (so a past month shows its own
 * tiers); names come from {@code mart.customer_tier}, regions from {@code mart.customer_sales} (the tier marts
 * carry neither region): region scope goes through the names of {@code mart.sales_monthly}'s codes, as for the
 * executive pack.
 */
public final class CustomerTiersPack implements ReportPack {
    public static final String NAME = "customer-tiers";
    static final String TEMPLATE = "dsmart/reports/customer_tiers.jrxml";

    static final String COUNTS = NAME + " counts";
    static final String A_LIST = NAME + " A list";
    static final String MIGRATIONS = NAME + " migrations";

    private static final String FROM = """
            FROM mart.customer_tier_history h
            LEFT JOIN mart.customer_tier t ON t.customer_id = h.customer_id
            LEFT JOIN mart.customer_sales s ON s.customer_id = h.customer_id
            WHERE h.month = ? AND %s""";

    private static final String COUNTS_SQL = """
            SELECT COALESCE(s.region_name, '-') AS region_name,
                   SUM(CASE WHEN h.tier = 'A' THEN 1 ELSE 0 END) AS tier_a,
                   SUM(CASE WHEN h.tier = 'B' THEN 1 ELSE 0 END) AS tier_b,
                   SUM(CASE WHEN h.tier = 'C' THEN 1 ELSE 0 END) AS tier_c,
                   COUNT(*) AS customers
            """ + FROM + """

            GROUP BY COALESCE(s.region_name, '-')
            ORDER BY region_name""";

    private static final String LIST_SQL = """
            SELECT COALESCE(s.region_name, '-') AS region_name, h.customer_id, COALESCE(t.customer_name, s.customer_name) AS customer_name,
                   h.tier, h.score, h.amount_12m, h.orders_12m, h.potential_value, h.loyalty, h.previous_tier, h.migration, h.migration_reason
            """ + FROM + """
             AND %s
            ORDER BY region_name, h.score DESC, h.customer_id""";

    private static final String MIGRATIONS_SQL = """
            SELECT COALESCE(s.region_name, '-') AS region_name, h.customer_id, COALESCE(t.customer_name, s.customer_name) AS customer_name,
                   h.previous_tier, h.tier, h.migration, h.migration_reason, h.score
            """ + FROM + """
             AND h.migration IN ('up', 'down', 'new')
            ORDER BY CASE h.migration WHEN 'up' THEN 1 WHEN 'down' THEN 2 ELSE 3 END, region_name, h.customer_id""";

    static final String REGION = "s.region_name IN (SELECT r.region_name FROM mart.sales_monthly r WHERE r.region_code IN ({in}))";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String labels() {
        return "customer_tiers";
    }

    @Override
    public Cadence cadence() {
        return Cadence.MONTHLY;
    }

    @Override
    public Set<Scope.Dimension> scopeDimensions() {
        return EnumSet.of(Scope.Dimension.REGION);
    }

    @Override
    public List<NamedQuery> queries(Period period, Scope scope) {
        return List.of(query(COUNTS, COUNTS_SQL, period, scope),
                query(A_LIST, LIST_SQL.formatted("%s", "h.tier = 'A'"), period, scope),
                query(MIGRATIONS, MIGRATIONS_SQL, period, scope));
    }

    private static NamedQuery query(String name, String sql, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(REGION, null);
        List<Object> params = new ArrayList<>(List.of(period.from()));
        params.addAll(condition.params());
        return new NamedQuery(name, sql.formatted(condition.sql()), params);
    }

    @Override
    public List<Document> documents() {
        return List.of(new Document("", TEMPLATE, EnumSet.of(Format.PDF, Format.XLSX)));
    }

    @Override
    public Fill fill(Document document, Answers answers, Labels labels, Period period) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : answers.get(COUNTS).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("region_name", text(row.get("region_name")));
            out.put("tier_a", ExecutiveSalesPack.toLong(row.get("tier_a")));
            out.put("tier_b", ExecutiveSalesPack.toLong(row.get("tier_b")));
            out.put("tier_c", ExecutiveSalesPack.toLong(row.get("tier_c")));
            out.put("customers", ExecutiveSalesPack.toLong(row.get("customers")));
            rows.add(out);
        }
        List<Map<String, ?>> aList = new ArrayList<>();
        for (Map<String, Object> row : answers.get(A_LIST).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("region_name", text(row.get("region_name")));
            out.put("customer_name", text(row.get("customer_name")));
            out.put("score", ExecutiveSalesPack.toDecimal(row.get("score")));
            out.put("amount_12m", ExecutiveSalesPack.toDecimal(row.get("amount_12m")));
            out.put("orders_12m", ExecutiveSalesPack.toLong(row.get("orders_12m")));
            aList.add(out);
        }
        List<Map<String, ?>> migrations = new ArrayList<>();
        for (Map<String, Object> row : answers.get(MIGRATIONS).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("region_name", text(row.get("region_name")));
            out.put("customer_name", text(row.get("customer_name")));
            out.put("change", (row.get("previous_tier") == null ? "-" : text(row.get("previous_tier"))) + " → " + text(row.get("tier")));
            out.put("migration", labels.code("migration.", row.get("migration")));
            out.put("reason", labels.code("reason.", row.get("migration_reason")));
            migrations.add(out);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("A_LIST", new JRMapCollectionDataSource(aList));
        parameters.put("A_COUNT", aList.size());
        parameters.put("MIGRATIONS", new JRMapCollectionDataSource(migrations));
        parameters.put("MIGRATION_COUNT", migrations.size());
        return new Fill(rows, parameters);
    }

    @Override
    public List<Table> tables(Period period, Scope scope) {
        NamedQuery all = query(NAME + " list", LIST_SQL.formatted("%s", "1 = 1"), period, scope);
        return List.of(new Table("list", all, List.of(
                TableColumn.of("region_name", "col.region", TableColumn.Type.TEXT),
                TableColumn.of("customer_id", "col.customer_id", TableColumn.Type.ID),
                TableColumn.of("customer_name", "col.customer_name", TableColumn.Type.TEXT),
                TableColumn.of("tier", "col.tier", TableColumn.Type.TEXT),
                TableColumn.of("score", "col.score", TableColumn.Type.MONEY),
                TableColumn.of("amount_12m", "col.amount_12m", TableColumn.Type.MONEY),
                TableColumn.of("orders_12m", "col.orders_12m", TableColumn.Type.COUNT),
                TableColumn.of("potential_value", "col.potential_value", TableColumn.Type.MONEY),
                TableColumn.of("loyalty", "col.loyalty", TableColumn.Type.MONEY),
                TableColumn.of("previous_tier", "col.previous_tier", TableColumn.Type.TEXT),
                TableColumn.code("migration", "col.migration", "migration."),
                TableColumn.code("migration_reason", "col.reason", "reason.")),
                EnumSet.of(Format.XLSX)));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
