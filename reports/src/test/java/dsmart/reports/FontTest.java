package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRFontNotFoundException;
import org.junit.jupiter.api.Test;

class FontTest {

    @Test
    void theCjkFontOfTheExtensionIsRegisteredAndShowsChinese() {
        assertThatCode(() -> CjkFont.require(CjkFont.FAMILY, "月度销售报表合计")).doesNotThrowAnyException();
    }

    @Test
    void anUnregisteredFontFailsLoudlyNamingIt() {
        assertThatThrownBy(() -> CjkFont.require("No Such Sans", "合计"))
                .isInstanceOf(ReportException.class).hasMessageContaining("\"No Such Sans\" is not registered");
    }

    @Test
    void jasperRefusesToFillWithAFontItDoesNotHave() throws Exception {
        String jrxml = """
                <jasperReport name="missing_font" pageWidth="200" pageHeight="100" columnWidth="200" leftMargin="0" rightMargin="0"
                              topMargin="0" bottomMargin="0">
                	<title height="20">
                		<element kind="staticText" x="0" y="0" width="200" height="20" fontName="No Such Sans">
                			<text><![CDATA[合计]]></text>
                		</element>
                	</title>
                </jasperReport>""";
        JasperReport report = JasperCompileManager.compileReport(new ByteArrayInputStream(jrxml.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> JasperFillManager.fillReport(report, new HashMap<>(), new JREmptyDataSource()))
                .isInstanceOf(JRFontNotFoundException.class).hasMessageContaining("No Such Sans");
    }

    @Test
    void theFontHasAGlyphForEveryChineseLabel() {
        for (ReportPack pack : ReportPacks.standard().all()) {
            Labels labels = Labels.of(pack.labels(), Language.ZH_CN);
            StringBuilder all = new StringBuilder();
            labels.keys().forEach(key -> all.append(labels.text(key)));
            assertThatCode(() -> CjkFont.require(CjkFont.FAMILY, all.toString())).as(pack.name()).doesNotThrowAnyException();
        }
    }

    @Test
    void missingFontsAreNotIgnoredByConfiguration() {
        assertThat(net.sf.jasperreports.engine.JRPropertiesUtil.getInstance(
                net.sf.jasperreports.engine.DefaultJasperReportsContext.getInstance()).getBooleanProperty(CjkFont.IGNORE_MISSING_FONT)).isFalse();
    }

    @Test
    void everyPackDocumentUsesOnlyTheCjkFont() throws Exception {
        for (ReportPack pack : ReportPacks.standard().all()) {
            for (ReportPack.Document document : pack.documents()) {
                String jrxml = new String(FontTest.class.getClassLoader().getResourceAsStream(document.template()).readAllBytes(), StandardCharsets.UTF_8);
                List<String> fonts = java.util.regex.Pattern.compile("fontName=\"([^\"]+)\"").matcher(jrxml).results().map(m -> m.group(1)).distinct().toList();
                assertThat(fonts).as(document.template()).containsExactly(CjkFont.FAMILY);
            }
        }
    }
}
