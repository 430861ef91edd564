package dsmart.reports;

import static java.util.Objects.requireNonNull;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

/**
 * The texts of one pack in one language: the shared labels ({@code dsmart/reports/i18n/common}) overlaid
 * with the pack's own ({@code dsmart/reports/i18n/<pack bundle>}). Both are ResourceBundle properties
 * files in UTF-8: {@code <name>.properties} is English, {@code <name>_zh_CN.properties} Chinese. No
 * fallback to the JVM's default locale: the language asked for is the language printed.
 */
public final class Labels {
    static final String COMMON = "common";
    private static final String PACKAGE = "dsmart.reports.i18n.";

    private final Language language;
    private final String bundle;
    private final Map<String, String> texts;

    private Labels(Language language, String bundle, Map<String, String> texts) {
        this.language = language;
        this.bundle = bundle;
        this.texts = Collections.unmodifiableMap(texts);
    }

    /** The shared labels and those of bundle {@code packBundle} (for example "executive_sales") in {@code language}. */
    public static Labels of(String packBundle, Language language) {
        requireNonNull(packBundle, "packBundle");
        requireNonNull(language, "language");
        Map<String, String> texts = new TreeMap<>();
        load(COMMON, language, texts);
        load(packBundle, language, texts);
        return new Labels(language, packBundle, texts);
    }

    static ResourceBundle bundle(String name, Language language) {
        return ResourceBundle.getBundle(PACKAGE + name, language.locale(), Labels.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static void load(String name, Language language, Map<String, String> into) {
        ResourceBundle bundle = bundle(name, language);
        for (String key : bundle.keySet()) {
            into.put(key, bundle.getString(key));
        }
    }

    public Language language() {
        return language;
    }

    public Set<String> keys() {
        return texts.keySet();
    }

    public String text(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalStateException("label " + key + " is missing from bundle " + bundle + " (" + language + ") and " + COMMON);
        }
        return text;
    }

    public String format(String key, Object... arguments) {
        return new MessageFormat(text(key), language.locale()).format(arguments);
    }

    /** The label of a code ({@code channel.phone} → 电话销售); an unknown code is shown as it is. */
    public String code(String prefix, Object code) {
        if (code == null) {
            return "";
        }
        return texts.getOrDefault(prefix + code, code.toString());
    }

    /** The same texts as a ResourceBundle, for Jasper's {@code $R{key}}. */
    public ResourceBundle asResourceBundle() {
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return texts.get(key);
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(texts.keySet());
            }

            @Override
            public java.util.Locale getLocale() {
                return language.locale();
            }
        };
    }
}
