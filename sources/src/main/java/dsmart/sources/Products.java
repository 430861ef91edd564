package dsmart.sources;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** The product catalogue (30 products in five categories); some are made to order. */
final class Products {
    private final BigDecimal[] cost;
    private final BigDecimal[] price;

    private Products(BigDecimal[] cost, BigDecimal[] price) {
        this.cost = cost;
        this.price = price;
    }

    static Products generate(World w) throws SQLException {
        int n = Names.PRODUCTS.length;
        BigDecimal[] cost = new BigDecimal[n];
        BigDecimal[] price = new BigDecimal[n];
        LocalDateTime updated = w.startOf(w.start.minusYears(1));
        for (int p = 0; p < n; p++) {
            price[p] = World.money(49 + w.rnd() * 2_950);
            cost[p] = World.money(price[p].doubleValue() * (0.45 + w.rnd() * 0.3));
            w.t.products.row((long) p + 1, Names.PRODUCTS[p][0], Names.PRODUCTS[p][1], cost[p], price[p], updated, Names.MADE_TO_ORDER[p], true);
        }
        w.t.orders.flush();
        return new Products(cost, price);
    }

    int count() {
        return price.length;
    }

    BigDecimal price(int product) {
        return price[product];
    }

    String name(int product) {
        return Names.PRODUCTS[product][0];
    }

    boolean madeToOrder(int product) {
        return Names.MADE_TO_ORDER[product];
    }

    /** Expected amount of an order (lines, quantities, prices and discounts as OrderFlow draws them). */
    double averageOrder() {
        double mean = 0;
        for (BigDecimal p : price) {
            mean += p.doubleValue();
        }
        mean /= price.length;
        double quantity = 1 + 20 / 4.0 - 0.5;
        return 2.5 * quantity * mean * 0.975 * (1 - 0.3 * 0.075);
    }
}
