package dsmart.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Model SQL lives beside the code as dsmart/transforms/<table>.sql. */
final class Models {
    private Models() {}

    static String sql(String name) {
        String resource = name + ".sql";
        try (InputStream in = Models.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model " + resource + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model " + resource, e);
        }
    }

    /** Replaces each {@code {{setting:key}}} with the setting's value (the tiers weights and cut-offs). */
    static String withSettings(String sql, dsmart.lake.Settings settings) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{setting:([a-z0-9._]+)}}").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(settings.text(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
