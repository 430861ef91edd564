package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void chineseAndEnglishBundlesHaveTheSameKeys() {
        for (String bundle : new String[] {Labels.COMMON, "executive_sales", "customer_sales", "hr_appraisal", "customer_tiers", "risk", "audit_compliance"}) {
            assertThat(Labels.bundle(bundle, Language.ZH_CN).keySet()).as(bundle)
                    .containsExactlyInAnyOrderElementsOf(Labels.bundle(bundle, Language.EN).keySet());
        }
    }

    @Test
    void everyPackHasATitleInBothLanguages() {
        for (ReportPack pack : ReportPacks.standard().all()) {
            assertThat(Labels.of(pack.labels(), Language.ZH_CN).text("title")).isNotBlank();
            assertThat(Labels.of(pack.labels(), Language.EN).text("title")).isNotBlank();
        }
    }

    @Test
    void chineseLabelsAreReadAsUtf8() {
        assertThat(Labels.of("executive_sales", Language.ZH_CN).text("title")).isEqualTo("销售经营报表");
    }

    @Test
    void englishIsEnglishWhateverTheJvmsLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(Labels.of("executive_sales", Language.EN).text("title")).isEqualTo("Executive sales");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aMissingLabelNamesItsKey() {
        assertThatThrownBy(() -> Labels.of("executive_sales", Language.EN).text("no.such.key")).hasMessageContaining("no.such.key");
    }

    @Test
    void anUnknownCodeIsShownAsItIs() {
        Labels labels = Labels.of("executive_sales", Language.ZH_CN);

        assertThat(labels.code("channel.", "phone")).isEqualTo("电话销售");
        assertThat(labels.code("channel.", "partner")).isEqualTo("partner");
    }

    @Test
    void languagesAreParsedFromTheirTags() {
        assertThat(Language.parse("zh-CN")).isEqualTo(Language.ZH_CN);
        assertThat(Language.parse("zh_cn")).isEqualTo(Language.ZH_CN);
        assertThat(Language.parse("EN")).isEqualTo(Language.EN);
        assertThatThrownBy(() -> Language.parse("fr")).hasMessageContaining("zh-CN, en");
    }
}
