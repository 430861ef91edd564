package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.sources.Truth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A company generated with no breach planted (generator.breaches=none, four months of scale 1, seed 12), ingested and
 * transformed: mart.compliance_finding finds nothing. Then the discount policy is tightened by settings so that
 * findings appear, and loosened again, to see first_seen kept and findings no longer found resolved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanCompanyComplianceTest {
    private static Path dir;

    @BeforeAll
    static void cleanCompany() throws IOException {
        dir = Files.createTempDirectory("dsmart-clean");
        assertThat(Main.run(args(Map.of(), "generate"))).as("dsmart generate").isZero();
        assertThat(Main.run(args(Map.of(), "ingest"))).as("dsmart ingest").isZero();
        assertThat(Main.run(args(Map.of(), "transform"))).as("dsmart transform").isZero();
    }

    private static Map<String, String> overrides(Map<String, String> more) {
        // four months, seed 12: the clean company the sources module checks every rule on (CleanCompanyTest). Over
        // two months (default seed) one rep's natural expense ratio already reaches a robust z of 3.7.
        Map<String, String> all = new HashMap<>(Map.of("data.dir", dir.toString(), "generator.months", "4", "generator.seed", "12",
                "generator.start", "2025-01-01", "generator.breaches", "none"));
        all.putAll(more);
        return all;
    }

    private static String[] args(Map<String, String> more, String command) {
        List<String> args = new ArrayList<>();
        overrides(more).forEach((key, value) -> {
            args.add("--set");
            args.add(key + "=" + value);
        });
        args.add(command);
        return args.toArray(String[]::new);
    }

    private static List<List<Object>> query(String sql) {
        try (MartQuery port = EmbeddedEngine.open(Settings.builder().overrides(overrides(Map.of())).build())) {
            return port.query(sql).rows();
        }
    }

    @Test
    @Order(1)
    void aCleanCompanyHasNoFindings() {
        assertThat(Truth.breaches(dir.resolve("sources").resolve("truth"))).isEmpty();
        assertThat(query("SELECT rule_id, entity_id, evidence FROM mart.compliance_finding")).isEmpty();
        assertThat(query("SELECT COUNT(*) FROM mart.compliance_summary")).containsExactly(List.of(0L));
    }

    @Test
    @Order(2)
    void findingsKeepFirstSeenAndTurnResolvedWhenNoLongerFound() {
        // every level at 5 %, then at 10 %: orders discounted 5-10 % are found once, then resolved
        Map<String, String> five = new HashMap<>();
        Map<String, String> ten = new HashMap<>();
        for (String level : new String[] {"rep", "senior_rep", "supervisor", "manager"}) {
            five.put("compliance.discount.max.pct." + level, "5");
            ten.put("compliance.discount.max.pct." + level, "10");
        }
        assertThat(Main.run(args(five, "transform"))).isZero();
        List<List<Object>> second = query("SELECT entity_id, first_seen FROM mart.compliance_finding "
                + "WHERE rule_id = 'discount_over_policy' AND status = 'open' ORDER BY entity_id");
        assertThat(second).isNotEmpty();
        assertThat(Main.run(args(ten, "transform"))).isZero();
        List<List<Object>> open = query("SELECT entity_id, first_seen FROM mart.compliance_finding "
                + "WHERE rule_id = 'discount_over_policy' AND status = 'open' ORDER BY entity_id");
        List<List<Object>> resolved = query("SELECT entity_id, first_seen FROM mart.compliance_finding "
                + "WHERE rule_id = 'discount_over_policy' AND status = 'resolved' AND resolved_at > first_seen ORDER BY entity_id");
        assertThat(open).isNotEmpty().allSatisfy(row -> assertThat(second).contains(row));
        assertThat(resolved).isNotEmpty();
        List<List<Object>> together = new ArrayList<>(open);
        together.addAll(resolved);
        together.sort(java.util.Comparator.comparing(row -> (String) row.get(0)));
        assertThat(together).as("every finding of the 5 %% run, with its first_seen, open or resolved").isEqualTo(second);
    }
}
