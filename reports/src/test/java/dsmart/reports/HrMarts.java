package dsmart.reports;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * DuckDB marts for the HR appraisal pack: three reps in 2025-06 (and one row of 2025-05 that must not show),
 * their 2025 annual scorecards and their training compliance of Q2 2025 and the year 2025. Scores, totals and
 * ranks are hand-computed from the KPIs as the mart defines them (weights rep 40/20/15/10/15,
 * supervisor 30/30/10/10/20; full marks 1,000,000 sales, 350,000 profit, 10 new customers, completion cap 120 %).
 */
final class HrMarts {
    static final Map<String, Long> IDS = Map.of("mart.rep_scorecard_monthly", 501L, "mart.rep_scorecard_annual", 502L,
            "mart.training_compliance", 503L);

    private HrMarts() {}

    static Connection populated() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA mart");
            s.execute("""
                    CREATE TABLE mart.rep_scorecard_monthly (
                        month DATE, rep_id BIGINT, rep_name VARCHAR, team_id BIGINT, region_code VARCHAR, position_level VARCHAR,
                        weights_from DATE, net_sales DECIMAL(18,2), gross_profit DECIMAL(18,2), new_customers BIGINT,
                        survey_responses BIGINT, satisfaction_avg DECIMAL(4,2), quota DECIMAL(18,2), completion_rate DECIMAL(9,4),
                        score_sales DECIMAL(5,2), score_profit DECIMAL(5,2), score_new_customers DECIMAL(5,2),
                        score_satisfaction DECIMAL(5,2), score_completion DECIMAL(5,2),
                        weight_sales INT, weight_profit INT, weight_new_customers INT, weight_satisfaction INT, weight_completion INT,
                        total_score DECIMAL(5,2), rank_in_level INT, reps_in_level INT, rank_in_team INT, reps_in_team INT)""");
            // 101: 500000/1e6 → 50.00; 175000/350000 → 50.00; 4/10 → 40.00; (4.5−1)/4 → 87.50; 1.25 / 1.2 capped → 100.00
            //      total (50×40 + 50×20 + 40×15 + 87.5×10 + 100×15) / 100 = 59.75
            // 102: 30.00; 90000/350000 = 0.25714 → 25.71; 20.00; 75.00; 0.75 / 1.2 → 62.50
            //      total (30×40 + 25.71×20 + 20×15 + 75×10 + 62.5×15) / 100 = 37.017 → 37.02
            // 201 (supervisor): 80.00, 80.00, 100.00, 0.00 (no responses), 0.00 (no quota); total (2400 + 2400 + 1000) / 100 = 58.00
            s.execute("""
                    INSERT INTO mart.rep_scorecard_monthly VALUES
                    ('2025-06-01', 101, '张伟', 7, 'EAST', 'rep', '2024-01-01', 500000.00, 175000.00, 4, 10, 4.50, 400000.00, 1.2500,
                     50.00, 50.00, 40.00, 87.50, 100.00, 40, 20, 15, 10, 15, 59.75, 1, 2, 1, 2),
                    ('2025-06-01', 102, '李娜', 7, 'EAST', 'rep', '2024-01-01', 300000.00, 90000.00, 2, 5, 4.00, 400000.00, 0.7500,
                     30.00, 25.71, 20.00, 75.00, 62.50, 40, 20, 15, 10, 15, 37.02, 2, 2, 2, 2),
                    ('2025-06-01', 201, '王芳', 9, 'SOUTH', 'supervisor', '2024-01-01', 800000.00, 280000.00, 10, 0, NULL, NULL, NULL,
                     80.00, 80.00, 100.00, 0.00, 0.00, 30, 30, 10, 10, 20, 58.00, 1, 1, 1, 1),
                    ('2025-05-01', 101, '张伟', 7, 'EAST', 'rep', '2024-01-01', 100000.00, 35000.00, 1, 0, NULL, 400000.00, 0.2500,
                     10.00, 10.00, 10.00, 0.00, 20.83, 40, 20, 15, 10, 15, 11.63, 1, 1, 1, 1)""");
            s.execute("""
                    CREATE TABLE mart.rep_scorecard_annual (
                        year DATE, rep_id BIGINT, rep_name VARCHAR, team_id BIGINT, region_code VARCHAR, position_level VARCHAR,
                        months_scored INT, net_sales DECIMAL(18,2), gross_profit DECIMAL(18,2), new_customers BIGINT,
                        survey_responses BIGINT, satisfaction_avg DECIMAL(4,2), quota DECIMAL(18,2), completion_rate DECIMAL(9,4),
                        total_score DECIMAL(5,2), rank_in_level INT, rank_in_team INT, eligible BOOLEAN, sales_rank INT,
                        sales_champion BOOLEAN, team_completion_rate DECIMAL(9,4), team_rank INT, best_team BOOLEAN)""");
            s.execute("""
                    INSERT INTO mart.rep_scorecard_annual VALUES
                    ('2025-01-01', 101, '张伟', 7, 'EAST', 'rep', 6, 3600000.00, 1260000.00, 20, 60, 4.40, 2400000.00, 1.5000,
                     48.50, 1, 1, TRUE, 1, TRUE, 1.2000, 1, TRUE),
                    ('2025-01-01', 201, '王芳', 9, 'SOUTH', 'supervisor', 2, 1600000.00, 560000.00, 20, 0, NULL, NULL, NULL,
                     58.00, 1, 1, FALSE, NULL, FALSE, NULL, 2, FALSE)""");
            s.execute("""
                    CREATE TABLE mart.training_compliance (
                        period_type VARCHAR, period_start DATE, rep_id BIGINT, rep_name VARCHAR, team_id BIGINT, position_level VARCHAR,
                        hired_on DATE, left_on DATE, induction_start DATE, induction_end DATE, induction_days INT,
                        induction_passed_on DATE, induction_too_short BOOLEAN, first_sale_on DATE, sales_before_induction BIGINT,
                        hours_internal DECIMAL(8,1), hours_external DECIMAL(8,1), hours_online DECIMAL(8,1),
                        hours_recurring DECIMAL(8,1), sessions BIGINT)""");
            s.execute("""
                    INSERT INTO mart.training_compliance VALUES
                    ('quarter', '2025-04-01', 101, '张伟', 7, 'rep', '2024-01-02', NULL, '2024-01-02', '2024-01-08', 7, '2024-01-09',
                     FALSE, '2024-01-15', 0, 6.0, 4.0, 2.5, 12.5, 4),
                    ('quarter', '2025-04-01', 102, '李娜', 7, 'rep', '2025-03-03', NULL, '2025-03-03', '2025-03-05', 3, '2025-04-20',
                     TRUE, '2025-04-02', 2, 0.0, 0.0, 1.5, 1.5, 1),
                    ('quarter', '2025-04-01', 201, '王芳', 9, 'supervisor', '2023-05-01', NULL, '2023-05-02', '2023-05-08', 7, '2023-05-09',
                     FALSE, '2023-05-20', 0, 8.0, 0.0, 0.0, 8.0, 2),
                    ('quarter', '2025-01-01', 101, '张伟', 7, 'rep', '2024-01-02', NULL, '2024-01-02', '2024-01-08', 7, '2024-01-09',
                     FALSE, '2024-01-15', 0, 99.0, 0.0, 0.0, 99.0, 9),
                    ('year', '2025-01-01', 101, '张伟', 7, 'rep', '2024-01-02', NULL, '2024-01-02', '2024-01-08', 7, '2024-01-09',
                     FALSE, '2024-01-15', 0, 105.0, 4.0, 2.5, 111.5, 13)""");
        }
        return connection;
    }

    static MartQuery port(Connection connection) {
        return new JdbcMartQuery(connection, tables -> {
            Map<String, Long> read = new TreeMap<>();
            tables.forEach(table -> read.put(table, IDS.get(table)));
            return read;
        });
    }
}
