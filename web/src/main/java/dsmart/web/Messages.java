package dsmart.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Page labels per language, from {@code /dsmart/web/i18n/messages_<tag>.properties} (UTF-8). Every language
 * has the same keys (a test checks); templates use them as {@code {{t.key}}} and scripts as {@code t('key')}.
 */
final class Messages {
    private static final Map<Lang, Map<String, String>> ALL = load();

    private Messages() {}

    static Map<String, String> of(Lang lang) {
        return ALL.get(lang);
    }

    /** The label, or the key itself when missing (visible on the page, never an error). */
    static String get(Lang lang, String key) {
        return ALL.get(lang).getOrDefault(key, key);
    }

    private static Map<Lang, Map<String, String>> load() {
        Map<Lang, Map<String, String>> all = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            String resource = "/dsmart/web/i18n/messages_" + lang.tag + ".properties";
            try (InputStream in = Messages.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("web resource " + resource + " is missing from the classpath");
                }
                Properties properties = new Properties();
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                Map<String, String> map = new TreeMap<>();
                properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
                all.put(lang, Collections.unmodifiableMap(map));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource + " failed", e);
            }
        }
        return all;
    }
}
