package dsmart.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Page templates from the classpath (UTF-8) with {{name}} placeholders; values are HTML-escaped. */
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

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-z_]+)\\}?\\}\\}");

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
