package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    @Test
    void escapesValues() {
        assertThat(Templates.fill("<p>{{name}}</p>", Map.of("name", "<script>\"x\"&'y'")))
                .isEqualTo("<p>&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;</p>");
    }

    @Test
    void leavesTripleBracedValuesAsTheyAre() {
        assertThat(Templates.fill("{{{block}}}", Map.of("block", "<b>ok</b>"))).isEqualTo("<b>ok</b>");
    }

    @Test
    void doesNotFillPlaceholdersInsideValues() {
        assertThat(Templates.fill("{{a}}|{{{b}}}", Map.of("a", "{{{b}}}", "b", "<i>")))
                .isEqualTo("{{{b}}}|<i>");
    }

    @Test
    void fillsLabelPlaceholdersWithDots() {
        assertThat(Templates.fill("<h1>{{t.login.title}}</h1>", Templates.messages(Lang.EN))).isEqualTo("<h1>Log in</h1>");
    }

    @Test
    void jsonInsideAScriptCannotCloseIt() {
        assertThat(Templates.scriptJson("{\"a\":\"</script><b>&\"}")).doesNotContain("<", ">", "&");
    }
}
