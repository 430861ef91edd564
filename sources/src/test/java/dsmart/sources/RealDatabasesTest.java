package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator on real servers: CRM on MariaDB, orders and finance on PostgreSQL, in test databases
 * created for this class and dropped after it. Same seed as an embedded run, so the rows must be equal.
 */
class RealDatabasesTest {
    private static final String CRM_DB = "dsmart_test_sources_crm";
    private static final String ORDERS_DB = "dsmart_test_sources_orders";
    private static final String FINANCE_DB = "dsmart_test_sources_finance";
    private static final Map<String, String> COMPANY = Map.of("generator.months", "2", "generator.seed", "5");
    private static Settings real;
    private static Settings embedded;

    @BeforeAll
    static void generateOnRealServersAndEmbedded() throws SQLException {
        LocalDatabases.ensureRunning();
        LocalDatabases.recreateMariadb(CRM_DB);
        LocalDatabases.recreatePostgresql(ORDERS_DB);
        LocalDatabases.recreatePostgresql(FINANCE_DB);
        Map<String, String> servers = new HashMap<>(COMPANY);
        servers.put("source.crm.url", LocalDatabases.MARIADB + CRM_DB + "?useBulkStmts=true");
        servers.put("source.crm.user", "root");
        servers.put("source.orders.url", LocalDatabases.POSTGRESQL + ORDERS_DB + "?reWriteBatchedInserts=true");
        servers.put("source.orders.user", "postgres");
        servers.put("source.finance.url", LocalDatabases.POSTGRESQL + FINANCE_DB + "?reWriteBatchedInserts=true");
        servers.put("source.finance.user", "postgres");
        real = Companies.settings(servers);
        Generator.generate(real, Progress.silent("test"));
        embedded = Companies.generate(COMPANY);
    }

    @AfterAll
    static void dropTestDatabases() throws SQLException {
        LocalDatabases.dropMariadb(CRM_DB);
        LocalDatabases.dropPostgresql(ORDERS_DB);
        LocalDatabases.dropPostgresql(FINANCE_DB);
    }

    @Test
    void everyTableHoldsTheSameRowsAsTheEmbeddedRun() {
        for (SourceSystem system : SourceSystem.values()) {
            for (String table : system.tables()) {
                assertThat(Db.dump(real, system, table)).as(system.id() + "." + table).isEqualTo(Db.dump(embedded, system, table));
            }
        }
        assertThat(Db.count(real, SourceSystem.ORDERS, "SELECT COUNT(*) FROM order_lines")).isGreaterThan(1_000);
    }

    @Test
    void chineseTextRoundTripsThroughMariadb() {
        List<List<Object>> regions = Db.rows(real, SourceSystem.CRM, "SELECT region_name FROM regions WHERE region_code = 'EAST'");
        assertThat(regions).containsExactly(List.of("华东"));
    }

    @Test
    void mariadbTablesUseDatetimeAndUtf8mb4() {
        assertThat(Db.rows(real, SourceSystem.CRM, "SELECT DISTINCT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + CRM_DB + "' AND COLUMN_NAME = 'updated_at'")).containsExactly(List.of("datetime"));
        assertThat(Db.rows(real, SourceSystem.CRM, "SELECT DISTINCT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + CRM_DB + "'")).containsExactly(List.of("utf8mb4_bin"));
    }

    @Test
    void foreignKeysAreDeclaredOnTheServers() {
        assertThat(Db.count(real, SourceSystem.CRM, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = '" + CRM_DB + "'")).isGreaterThan(30);
        assertThat(Db.count(real, SourceSystem.ORDERS, "SELECT COUNT(*) FROM information_schema.referential_constraints")).isGreaterThan(10);
    }
}
