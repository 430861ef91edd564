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

}
