package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SourceSystemTest {

    @Test
    void mariaDbGetsDatetimeAndUtf8mb4Tables() {
        List<String> ddl = SourceSystem.ORDERS.ddl(SourceSystem.Dialect.of("jdbc:mariadb://127.0.0.1:3306/x"));
        String orders = ddl.stream().filter(s -> s.startsWith("CREATE TABLE orders ")).findFirst().orElseThrow();
        assertThat(orders).contains("ordered_at    DATETIME").doesNotContain("TIMESTAMP").endsWith("DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        assertThat(ddl.stream().filter(s -> s.startsWith("CREATE INDEX"))).allMatch(s -> !s.contains("CHARSET"));
    }

    @Test
    void postgresqlAndH2KeepTheDdlAsWritten() {
        assertThat(SourceSystem.CRM.ddl(SourceSystem.Dialect.of("jdbc:postgresql://127.0.0.1/x")))
                .isEqualTo(SourceSystem.CRM.ddl(SourceSystem.Dialect.of("jdbc:h2:mem:x")))
                .anyMatch(s -> s.contains("updated_at     TIMESTAMP"));
    }

    @Test
    void everyTableIsCreatedAfterTheTablesItsForeignKeysName() {
        Pattern reference = Pattern.compile("REFERENCES (\\w+)");
        for (SourceSystem system : SourceSystem.values()) {
            List<String> created = new ArrayList<>();
            for (String statement : system.ddl(SourceSystem.Dialect.H2)) {
                if (!statement.startsWith("CREATE TABLE")) {
                    continue;
                }
                String table = statement.split("\\s+")[2];
                Matcher matcher = reference.matcher(statement);
                while (matcher.find()) {
                    if (!matcher.group(1).equals(table)) {
                        assertThat(created).as(table + " references " + matcher.group(1)).contains(matcher.group(1));
                    }
                }
                created.add(table);
            }
            assertThat(created).isEqualTo(system.tables());
        }
    }
}
