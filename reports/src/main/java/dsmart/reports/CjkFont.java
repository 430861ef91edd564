package dsmart.reports;

import java.awt.Font;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRPropertiesUtil;
import net.sf.jasperreports.engine.fonts.FontFace;
import net.sf.jasperreports.engine.fonts.FontFamily;
import net.sf.jasperreports.engine.fonts.FontInfo;
import net.sf.jasperreports.engine.fonts.FontUtil;

/**
 * The font every report text uses, "Noto Sans SC" from this module's Jasper font extension. Without it
 * Jasper's PDF exporter would drop Chinese silently; so before any PDF is written the family must be
 * registered, its regular and bold files must load, and they must have glyphs for the sample text.
 * Otherwise rendering stops with a message saying what is missing.
 */
final class CjkFont {
    static final String FAMILY = "Noto Sans SC";
    static final String IGNORE_MISSING_FONT = "net.sf.jasperreports.awt.ignore.missing.font";
    private static volatile boolean checked;

    private CjkFont() {}

    /** Checks {@link #FAMILY} once per JVM. */
    static void require() {
        if (!checked) {
            require(FAMILY, "月度销售报表合计期间范围生成时间数据快照电话网络上门拜访");
            checked = true;
        }
    }

    /** Fails with a {@link ReportException} unless {@code family} is a registered font extension able to show {@code sample}. */
    static void require(String family, String sample) {
        var context = DefaultJasperReportsContext.getInstance();
        if (JRPropertiesUtil.getInstance(context).getBooleanProperty(IGNORE_MISSING_FONT)) {
            throw new ReportException(IGNORE_MISSING_FONT + " is true: a missing font would be replaced silently; unset it", null);
        }
        FontInfo info = FontUtil.getInstance(context).getFontInfo(family, null);
        if (info == null) {
            throw new ReportException("font \"" + family + "\" is not registered as a Jasper font extension (is the reports jar "
                    + "built with its fonts? reports/fetch-fonts.sh puts fonts/*.ttf into it); Chinese would not render", null);
        }
        FontFamily fonts = info.getFontFamily();
        check(family, "regular", fonts.getNormalFace(), sample);
        check(family, "bold", fonts.getBoldFace(), sample);
    }

    private static void check(String family, String style, FontFace face, String sample) {
        if (face == null) {
            throw new ReportException("font \"" + family + "\" has no " + style + " face", null);
        }
        Font font;
        try {
            font = face.getFont();
        } catch (RuntimeException e) {
            throw new ReportException("font \"" + family + "\" " + style + " (" + face.getTtf() + ") cannot be loaded: " + e.getMessage(), e);
        }
        if (font == null) {
            throw new ReportException("font \"" + family + "\" " + style + " (" + face.getTtf() + ") cannot be loaded", null);
        }
        int missing = font.canDisplayUpTo(sample);
        if (missing >= 0) {
            throw new ReportException("font \"" + family + "\" " + style + " has no glyph for '" + sample.charAt(missing) + "'", null);
        }
    }
}
