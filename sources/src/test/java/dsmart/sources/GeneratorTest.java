package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

    private static Settings settings(Path dir, int seed) {
        return Settings.builder().overrides(Map.of(
                "data.dir", dir.toString(), "generator.seed", String.valueOf(seed), "generator.months", "3")).build();
    }

    private static List<String> dump(Settings settings, SourceSystem system, String sql) throws SQLException {
        try (Connection connection = system.connect(settings); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rows.getString(i)).append('|');
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    @Test
    void sameSeedGivesSameRows(@TempDir Path one, @TempDir Path two) throws SQLException {
        Generator.generate(settings(one, 7), Progress.silent("test"));
        Generator.generate(settings(two, 7), Progress.silent("test"));
        String sql = "SELECT * FROM order_lines ORDER BY order_id, line_no";
        assertThat(dump(settings(one, 7), SourceSystem.ORDERS, sql)).isEqualTo(dump(settings(two, 7), SourceSystem.ORDERS, sql));
        String customers = "SELECT * FROM customers ORDER BY customer_id";
        assertThat(dump(settings(one, 7), SourceSystem.CRM, customers)).isEqualTo(dump(settings(two, 7), SourceSystem.CRM, customers));
    }

    @Test
    void otherSeedGivesOtherRows(@TempDir Path one, @TempDir Path two) throws SQLException {
        Generator.generate(settings(one, 7), Progress.silent("test"));
        Generator.generate(settings(two, 8), Progress.silent("test"));
        String sql = "SELECT * FROM orders ORDER BY order_id";
        assertThat(dump(settings(one, 7), SourceSystem.ORDERS, sql)).isNotEqualTo(dump(settings(two, 8), SourceSystem.ORDERS, sql));
    }

    @Test
    void regeneratingReplacesInsteadOfAppending(@TempDir Path dir) throws SQLException {
        Generator.Result first = Generator.generate(settings(dir, 7), Progress.silent("test"));
        Generator.generate(settings(dir, 7), Progress.silent("test"));
        assertThat(dump(settings(dir, 7), SourceSystem.ORDERS, "SELECT COUNT(*) FROM orders")).containsExactly(first.orders() + "|");
    }

    @Test
    void orderAmountIsTheSumOfItsLines(@TempDir Path dir) throws SQLException {
        Generator.generate(settings(dir, 7), Progress.silent("test"));
        List<String> mismatches = dump(settings(dir, 7), SourceSystem.ORDERS,
                "SELECT o.order_id FROM orders o JOIN order_lines l ON l.order_id = o.order_id "
                        + "GROUP BY o.order_id, o.amount HAVING SUM(l.line_amount) <> o.amount");
        assertThat(mismatches).isEmpty();
    }

    @Test
    void bigCustomersBuyMuchMoreThanSmallOnes(@TempDir Path dir) throws SQLException {
        Generator.generate(settings(dir, 7), Progress.silent("test"));
        List<String> perCustomer = dump(settings(dir, 7), SourceSystem.ORDERS,
                "SELECT COUNT(*) FROM orders GROUP BY customer_id ORDER BY COUNT(*) DESC");
        long top = Long.parseLong(perCustomer.get(0).replace("|", ""));
        long median = Long.parseLong(perCustomer.get(perCustomer.size() / 2).replace("|", ""));
        assertThat(top).isGreaterThan(10 * median);
    }
}
