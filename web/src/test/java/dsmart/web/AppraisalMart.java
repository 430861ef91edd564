package dsmart.web;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/**
 * Hand-made appraisal marts in DuckDB: mart.rep_scorecard_monthly for two months (four reps in Feb, two in Jan),
 * mart.rep_kpi_evidence of rep 1 in Feb and mart.rep_scorecard_annual of 2025. Tests derive expectations from
 * {@link #CARDS} and {@link #EVIDENCE}.
 */
final class AppraisalMart {
    record Card(LocalDate month, long repId, String repName, long teamId, String region, String level, String netSales,
                String totalScore, int rankInLevel, int rankInTeam) {}

    record Evidence(long repId, String kpi, String sourceTable, long sourceId, String customer, String amount) {}

    static final LocalDate JAN = LocalDate.of(2025, 1, 1);
    static final LocalDate FEB = LocalDate.of(2025, 2, 1);

    static final List<Card> CARDS = List.of(
            new Card(JAN, 1, "张伟", 10, "EAST", "rep", "5000.00", "40.00", 1, 1),
            new Card(JAN, 2, "李娜", 10, "EAST", "rep", "1000.00", "20.00", 2, 2),
            new Card(FEB, 1, "张伟", 10, "EAST", "rep", "8000.50", "55.25", 2, 2),
            new Card(FEB, 2, "李娜", 10, "EAST", "rep", "12000.00", "71.10", 1, 1),
            new Card(FEB, 3, "王强", 20, "NORTH", "senior_rep", "3000.00", "33.00", 2, 2),
            new Card(FEB, 4, "赵敏", 20, "NORTH", "senior_rep", "0.00", "0.00", 3, 3));

    static final List<Evidence> EVIDENCE = List.of(
            new Evidence(1, "sales", "orders.orders", 101, "上海华信贸易有限公司", "6000.50"),
            new Evidence(1, "sales", "orders.orders", 102, "杭州金鼎实业有限公司", "2500.00"),
            new Evidence(1, "sales", "orders.order_returns", 7, "杭州金鼎实业有限公司", "-500.00"),
            new Evidence(1, "completion", "crm.quotas", 31, null, "10000.00"));

    private AppraisalMart() {}

    /** The customers' ids, as {@link SalesOverviewMart} knows them. */
    static String customerId(String customer) {
        if (customer == null) {
            return "NULL";
        }
        return switch (customer) {
            case "上海华信贸易有限公司" -> "9001";
            case "杭州金鼎实业有限公司" -> "9002";
            default -> throw new IllegalArgumentException(customer);
        };
    }

    static void add(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS mart");
            statement.execute("""
                    CREATE TABLE mart.rep_scorecard_monthly (
                      month DATE, rep_id BIGINT, rep_name VARCHAR, team_id BIGINT, region_code VARCHAR, position_level VARCHAR,
                      net_sales DECIMAL(18,2), gross_profit DECIMAL(18,2), new_customers BIGINT, survey_responses BIGINT,
                      satisfaction_avg DECIMAL(5,2), quota DECIMAL(18,2), completion_rate DECIMAL(9,4),
                      score_sales DECIMAL(5,2), score_profit DECIMAL(5,2), score_new_customers DECIMAL(5,2),
                      score_satisfaction DECIMAL(5,2), score_completion DECIMAL(5,2), total_score DECIMAL(5,2),
                      rank_in_level INT, reps_in_level INT, rank_in_team INT, reps_in_team INT)""");
            for (Card c : CARDS) {
                statement.execute("INSERT INTO mart.rep_scorecard_monthly VALUES (DATE '" + c.month() + "', " + c.repId() + ", '" + c.repName()
                        + "', " + c.teamId() + ", '" + c.region() + "', '" + c.level() + "', " + c.netSales() + ", 0, 0, 0, NULL, NULL, NULL, "
                        + "0, 0, 0, 0, 0, " + c.totalScore() + ", " + c.rankInLevel() + ", 2, " + c.rankInTeam() + ", 2)");
            }
            statement.execute("""
                    CREATE TABLE mart.rep_kpi_evidence (
                      month DATE, rep_id BIGINT, kpi VARCHAR, source_table VARCHAR, source_id BIGINT, order_id BIGINT,
                      customer_id BIGINT, customer_name VARCHAR, event_date DATE, amount DECIMAL(18,2), gross_profit DECIMAL(18,2), score INT)""");
            for (Evidence e : EVIDENCE) {
                statement.execute("INSERT INTO mart.rep_kpi_evidence VALUES (DATE '" + FEB + "', " + e.repId() + ", '" + e.kpi() + "', '"
                        + e.sourceTable() + "', " + e.sourceId() + ", NULL, " + customerId(e.customer()) + ", "
                        + (e.customer() == null ? "NULL" : "'" + e.customer() + "'")
                        + ", DATE '2025-02-10', " + e.amount() + ", NULL, NULL)");
            }
            statement.execute("""
                    CREATE TABLE mart.rep_scorecard_annual (
                      year DATE, rep_id BIGINT, rep_name VARCHAR, team_id BIGINT, region_code VARCHAR, position_level VARCHAR,
                      months_scored INT, net_sales DECIMAL(18,2), total_score DECIMAL(5,2), rank_in_level INT, rank_in_team INT,
                      eligible BOOLEAN, sales_rank INT, sales_champion BOOLEAN, team_rank INT, best_team BOOLEAN)""");
            statement.execute("INSERT INTO mart.rep_scorecard_annual VALUES "
                    + "(DATE '2025-01-01', 2, '李娜', 10, 'EAST', 'rep', 2, 13000.00, 45.55, 2, 2, TRUE, 1, TRUE, 1, TRUE), "
                    + "(DATE '2025-01-01', 1, '张伟', 10, 'EAST', 'rep', 2, 13000.00, 47.63, 1, 1, TRUE, 2, FALSE, 1, TRUE)");
        }
    }

    static BigDecimal amountOf(Evidence evidence) {
        return new BigDecimal(evidence.amount());
    }
}
