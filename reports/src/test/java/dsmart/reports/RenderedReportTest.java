package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderedReportTest {

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> new RenderedReport(null, List.of(), Map.of(), 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RenderedReport("r", null, Map.of(), 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RenderedReport("r", List.of(), null, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keepsItsOwnImmutableCopies() {
        List<Path> files = new ArrayList<>(List.of(Path.of("a.pdf")));
        Map<String, Long> snapshots = new HashMap<>(Map.of("mart.sales_monthly", 1L));

        RenderedReport report = new RenderedReport("r", files, snapshots, 3);
        files.clear();
        snapshots.clear();

        assertThat(report.files()).containsExactly(Path.of("a.pdf"));
        assertThat(report.snapshots()).containsExactly(Map.entry("mart.sales_monthly", 1L));
        assertThatThrownBy(() -> report.files().add(Path.of("b"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
