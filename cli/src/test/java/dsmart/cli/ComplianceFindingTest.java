package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import dsmart.sources.Rule;
import dsmart.sources.Truth;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * mart.compliance_finding on the demo company (six months, the breach catalogue's default rates): each rule the
 * generator plants finds exactly the planted breaches the truth file records, no more and no fewer.
 */
class ComplianceFindingTest {

    private static Set<String> mart(Settings settings, String ruleId) {
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            QueryResult result = port.query("SELECT entity, entity_id FROM mart.compliance_finding WHERE status = 'open' AND rule_id = ?",
                    ruleId);
            Set<String> ids = new TreeSet<>();
            for (List<Object> row : result.rows()) {
                ids.add(row.get(0) + ":" + row.get(1));
            }
            return ids;
        }
    }

    private static Set<String> truth(Settings settings, String ruleId) {
        Set<String> ids = new TreeSet<>();
        for (Truth.Breach breach : Truth.breaches(Truth.dir(settings))) {
            if (breach.ruleId().equals(ruleId)) {
                ids.add(breach.entity() + ":" + breach.entityId());
            }
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void findsExactlyThePlantedBreaches(Rule rule) {
        Settings settings = DemoRun.settings();
        Set<String> planted = truth(settings, rule.id());
        assertThat(mart(settings, rule.id())).as("%s: %d planted", rule.id(), planted.size()).isEqualTo(planted);
    }
}
