package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/**
 * mart.order_cycle: lead times contract -> entry -> production -> inspection -> shipment -> delivery, on-time delivery,
 * inspection pass rate and tracking numbers sent (P-3.3), per order month x customer region x product category.
 */
final class OrderCycle implements Mart {
    static final TableId TABLE = TableId.of("mart.order_cycle");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.crm_customers", "raw.orders_orders", "raw.orders_order_lines", "raw.orders_products", "raw.orders_contracts",
                "raw.orders_production_orders", "raw.orders_quality_inspections", "raw.orders_shipments");
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "region_code", "category")),
                DataCheck.notNull(List.of("month", "region_code", "category", "orders", "delivered", "inspections", "shipped")),
                DataCheck.equal("orders reconcile to raw",
                        "SELECT COALESCE(SUM(orders), 0) FROM {{this}} WHERE region_code = 'all' AND category = 'all'",
                        "SELECT COUNT(*) FROM raw.orders_orders WHERE _op = 'U' AND status = 'confirmed'"),
                new DataCheck("regions add up to all regions",
                        "SELECT COUNT(*) FROM (SELECT SUM(CASE WHEN region_code <> 'all' THEN orders END) AS regions, "
                                + "SUM(CASE WHEN region_code = 'all' THEN orders END) AS company FROM {{this}} WHERE category = 'all') "
                                + "WHERE NOT (regions <=> company)"),
                DataCheck.rows("on time, passed and tracking sent within their totals",
                        "delivered_on_time > delivered OR inspections_passed > inspections "
                                + "OR tracking_sent > shipped OR delivered > shipped"));
    }
}
