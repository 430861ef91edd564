package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LangTest {
    @Test
    void everyLanguageHasTheSameLabels() {
        assertThat(Messages.of(Lang.EN).keySet()).isEqualTo(Messages.of(Lang.ZH_CN).keySet());
    }

    @Test
    void everyPageAndRoleHasLabels() {
        for (Lang lang : Lang.values()) {
            for (WebPage page : WebApp.PAGES) {
                assertThat(Messages.of(lang)).containsKeys("nav." + page.id(), "page." + page.id() + ".title");
            }
            for (Role role : Role.values()) {
                assertThat(Messages.of(lang)).containsKey("role." + role.name());
            }
            for (Channel channel : Channel.values()) {
                assertThat(Messages.of(lang)).containsKey("channel." + channel.code());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zh-CN,zh;q=0.9,en;q=0.8 | ZH_CN",
            "en-GB,en;q=0.9          | EN",
            "fr-FR,en;q=0.5,zh;q=0.4 | EN",
            "de-DE                   | ",
            "en;q=0.2,zh-TW;q=0.8    | ZH_CN"})
    void acceptLanguagePicksTheBestSupportedLanguage(String header, Lang expected) {
        assertThat(Lang.ofAcceptLanguage(header)).isEqualTo(expected);
    }
}
