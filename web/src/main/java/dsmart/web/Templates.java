package dsmart.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page templates from the classpath (UTF-8) with {{name}} placeholders; values are HTML-escaped. Labels are
 * {{t.key}} placeholders filled from {@link Messages} in the request's language.
 */
final class Templates {
    private Templates() {}

    static String load(String resource) {
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("web resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading web resource " + resource + " failed", e);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-z_][a-z0-9_.]*)\\}?\\}\\}");

    /**
     * Fills {{key}} with the escaped value and {{{key}}} with the value as it is (only for markup the code
     * built). One pass: a value that itself looks like a placeholder stays as it is.
     */
    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            String key = matcher.group(2);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("no value for placeholder " + key);
            }
            boolean raw = !matcher.group(1).isEmpty();
            matcher.appendReplacement(out, Matcher.quoteReplacement(raw ? value : escape(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Every label of the language as template values: t.key → label. */
    static Map<String, String> messages(Lang lang) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Messages.of(lang).forEach((key, label) -> values.put("t." + key, label));
        return values;
    }

    /** Links that switch the page's language: prefix is the page's address up to and including ? or &amp;. */
    static String langLinks(Lang current, String prefix) {
        StringBuilder out = new StringBuilder("<nav class=\"langs\" aria-label=\"language\">");
        for (Lang lang : Lang.values()) {
            String label = Messages.get(lang, "lang.name");
            if (lang == current) {
                out.append("<span class=\"lang current\" lang=\"").append(lang.tag).append("\">").append(escape(label)).append("</span>");
            } else {
                out.append("<a class=\"lang\" lang=\"").append(lang.tag).append("\" hreflang=\"").append(lang.tag)
                        .append("\" href=\"").append(escape(prefix + "lang=" + lang.tag)).append("\">").append(escape(label)).append("</a>");
            }
        }
        return out.append("</nav>").toString();
    }

    /** JSON to put inside a script element: no "<", so no "</script>" can end it early. */
    static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
