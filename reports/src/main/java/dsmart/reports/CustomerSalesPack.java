package dsmart.reports;

import dsmart.serving.NamedQuery;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * 客户销售明细 Customer sales: every customer with orders, revenue, gross profit and first/last order dates,
 * highest revenue first, as XLSX (streamed, split into sheets past Excel's row limit) and CSV. A pack of
 * tables only: it is the large export, and the seed of the customer tier list (P-4.2) once the tier mart exists.
 *
 * <p>{@code mart.customer_sales} holds totals to date, not per period: the period names the archive
 * folder; the figures are those of the snapshot the manifest names.
 */
public final class CustomerSalesPack implements ReportPack {
    public static final String NAME = "customer-sales";

    private static final String SQL = """
            SELECT customer_id, customer_name, region_name, orders, revenue, gross_profit, first_order_date, last_order_date
            FROM mart.customer_sales
            WHERE %s
            ORDER BY revenue DESC NULLS LAST, customer_id""";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String labels() {
        return "customer_sales";
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
        return List.of();
    }

    @Override
    public List<Document> documents() {
        return List.of();
    }

    @Override
    public Fill fill(Document document, Answers answers, Labels labels, Period period) {
        throw new IllegalStateException(NAME + " has no documents");
    }

    @Override
    public List<Table> tables(Period period, Scope scope) {
        Scope.Condition condition = scope.condition(ExecutiveSalesPack.CUSTOMER_REGION, null);
        NamedQuery query = new NamedQuery(NAME + " customers", SQL.formatted(condition.sql()), new ArrayList<>(condition.params()));
        return List.of(new Table("", query, List.of(
                TableColumn.of("customer_id", "col.customer_id", TableColumn.Type.ID),
                TableColumn.of("customer_name", "col.customer_name", TableColumn.Type.TEXT),
                TableColumn.of("region_name", "col.region", TableColumn.Type.TEXT),
                TableColumn.of("orders", "col.orders", TableColumn.Type.COUNT),
                TableColumn.of("revenue", "col.revenue", TableColumn.Type.MONEY),
                TableColumn.of("gross_profit", "col.gross_profit", TableColumn.Type.MONEY),
                TableColumn.of("first_order_date", "col.first_order_date", TableColumn.Type.DATE),
                TableColumn.of("last_order_date", "col.last_order_date", TableColumn.Type.DATE)),
                EnumSet.of(Format.XLSX, Format.CSV)));
    }
}
