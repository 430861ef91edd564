package dsmart.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Hand-made compliance marts in DuckDB: eight findings of mart.compliance_finding in January and February 2025, and
 * mart.compliance_summary with its department rows (plus a department_rule and a team_rule row that a department
 * query must not count). In February: order_without_signed_contract 3 (2 open, 1 resolved), tracking_not_sent 2
 * (1 open, 1 resolved), duplicate_order 1 (open); in January: order_without_signed_contract 1 (open), expense_outlier 1
 * (resolved).
 */
final class AuditMart {
    record Finding(String rule, String clause, String severity, String department, String occurredOn, Long repId, Long teamId,
                   String region, Long customerId, String entity, String entityId, String evidence, String status) {
        LocalDate period() {
            return LocalDate.parse(occurredOn).withDayOfMonth(1);
        }
    }

    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";

    static final List<Finding> FINDINGS = List.of(
            new Finding("order_without_signed_contract", "P-3.3", "high", "sales", "2025-02-03", 1L, 10L, "EAST", 100L,
                    "orders.orders", "5001", "contract_id null; ordered_at 2025-02-03 10:00", "open"),
            new Finding("order_without_signed_contract", "P-3.3", "high", "sales", "2025-02-10", 1L, 10L, "EAST", 101L,
                    "orders.orders", "5002", FORMULA, "open"),
            new Finding("order_without_signed_contract", "P-3.3", "high", "sales", "2025-02-20", 2L, 11L, "NORTH", 102L,
                    "orders.orders", "5003", "signed_at 2025-02-21 after ordered_at 2025-02-20", "resolved"),
            new Finding("tracking_not_sent", "P-3.3", "low", "order_desk", "2025-02-05", 2L, 11L, "NORTH", 102L,
                    "orders.shipments", "S-77", "tracking_no null", "open"),
            new Finding("tracking_not_sent", "P-3.3", "low", "order_desk", "2025-02-06", 2L, 11L, "NORTH", 103L,
                    "orders.shipments", "S-78", "tracking_sent_at null", "resolved"),
            new Finding("duplicate_order", "P-6.1", "high", "order_desk", "2025-02-12", 1L, 10L, "EAST", 100L,
                    "orders.orders", "5010", "copy of 5009, 12 minutes later, 8800.00", "open"),
            new Finding("order_without_signed_contract", "P-3.3", "high", "sales", "2025-01-15", 1L, 10L, "EAST", 100L,
                    "orders.orders", "4001", "contract_id 77 refers to no contract", "open"),
            new Finding("expense_outlier", "P-6.1", "high", "finance", "2025-01-01", 3L, 12L, "EAST", null,
                    "crm.reps", "3", "ratio 0.42, robust z 5.10", "resolved"));

    private AuditMart() {}

    static void add(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS mart");
            statement.execute("""
                    CREATE TABLE mart.compliance_finding (rule_id VARCHAR, clause VARCHAR, severity VARCHAR, department VARCHAR,
                      period DATE, occurred_on DATE, rep_id BIGINT, team_id BIGINT, region_code VARCHAR, customer_id BIGINT,
                      entity VARCHAR, entity_id VARCHAR, evidence VARCHAR, first_seen TIMESTAMP, last_seen TIMESTAMP,
                      status VARCHAR, resolved_at TIMESTAMP)""");
            statement.execute("""
                    CREATE TABLE mart.compliance_summary (period DATE, department VARCHAR, level VARCHAR, region_code VARCHAR,
                      team_id BIGINT, rule_id VARCHAR, clause VARCHAR, severity VARCHAR, findings BIGINT, open_findings BIGINT,
                      resolved_findings BIGINT, high_findings BIGINT, first_seen TIMESTAMP)""");
        }
        LocalDateTime firstSeen = LocalDateTime.of(2025, 3, 1, 2, 0);
        LocalDateTime lastSeen = LocalDateTime.of(2025, 3, 2, 2, 0);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mart.compliance_finding VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Finding f : FINDINGS) {
                insert.setString(1, f.rule());
                insert.setString(2, f.clause());
                insert.setString(3, f.severity());
                insert.setString(4, f.department());
                insert.setObject(5, f.period());
                insert.setObject(6, LocalDate.parse(f.occurredOn()));
                insert.setObject(7, f.repId());
                insert.setObject(8, f.teamId());
                insert.setString(9, f.region());
                insert.setObject(10, f.customerId());
                insert.setString(11, f.entity());
                insert.setString(12, f.entityId());
                insert.setString(13, f.evidence());
                insert.setObject(14, firstSeen);
                insert.setObject(15, f.status().equals("open") ? lastSeen : firstSeen);
                insert.setString(16, f.status());
                insert.setObject(17, f.status().equals("resolved") ? lastSeen : null);
                insert.executeUpdate();
            }
        }
        try (Statement statement = connection.createStatement()) {
            // department rows, counted by hand from FINDINGS: period, department, findings, open, resolved, high
            statement.execute("""
                    INSERT INTO mart.compliance_summary VALUES
                      (DATE '2025-02-01', 'sales', 'department', NULL, NULL, 'all', NULL, NULL, 3, 2, 1, 3, TIMESTAMP '2025-03-01 02:00:00'),
                      (DATE '2025-02-01', 'order_desk', 'department', NULL, NULL, 'all', NULL, NULL, 3, 2, 1, 1, TIMESTAMP '2025-03-01 02:00:00'),
                      (DATE '2025-01-01', 'sales', 'department', NULL, NULL, 'all', NULL, NULL, 1, 1, 0, 1, TIMESTAMP '2025-03-01 02:00:00'),
                      (DATE '2025-01-01', 'finance', 'department', NULL, NULL, 'all', NULL, NULL, 1, 0, 1, 1, TIMESTAMP '2025-03-01 02:00:00'),
                      (DATE '2025-02-01', 'sales', 'department_rule', NULL, NULL, 'order_without_signed_contract', 'P-3.3', 'high', 3, 2, 1, 3, TIMESTAMP '2025-03-01 02:00:00'),
                      (DATE '2025-02-01', 'sales', 'team_rule', 'EAST', 10, 'order_without_signed_contract', 'P-3.3', 'high', 2, 2, 0, 2, TIMESTAMP '2025-03-01 02:00:00')""");
        }
    }
}
