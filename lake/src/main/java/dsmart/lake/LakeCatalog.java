package dsmart.lake;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/** The lake's Iceberg catalog, configured from settings; the same properties feed Spark and Trino. */
public final class LakeCatalog {
    private LakeCatalog() {}

    public static String name(Settings settings) {
        return settings.text("lake.catalog.name");
    }

    /** Iceberg catalog properties (type, warehouse, and for jdbc the uri and credentials). */
    public static Map<String, String> properties(Settings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        String type = settings.text("lake.catalog.type");
        properties.put("type", type);
        properties.put("warehouse", settings.text("lake.warehouse"));
        if (type.equals("jdbc")) {
            String uri = settings.text("lake.catalog.uri");
            if (uri.isEmpty()) {
                throw new SettingsException("setting lake.catalog.uri is empty but lake.catalog.type=jdbc needs it");
            }
            properties.put("uri", uri);
            properties.put("jdbc.user", settings.text("lake.catalog.user"));
            properties.put("jdbc.password", settings.text("lake.catalog.password"));
            properties.put("jdbc.schema-version", "V1");
        }
        return properties;
    }

    /** Opens the catalog after checking that a local warehouse can be written. */
    public static Catalog open(Settings settings) {
        checkWarehouse(settings);
        return CatalogUtil.buildIcebergCatalog(name(settings), properties(settings), new Configuration());
    }

    /** The warehouse's directory when it is local (a file: URI, as a plain path in settings becomes); empty otherwise. */
    public static Optional<Path> localWarehouse(Settings settings) {
        URI uri = URI.create(settings.text("lake.warehouse"));
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    /** Fails with one line naming the warehouse when it is a local directory that cannot be used. */
    public static void checkWarehouse(Settings settings) {
        Path path = localWarehouse(settings).orElse(null);
        if (path == null) {
            return;
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new LakeException("lake warehouse " + path + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(path) || !Files.isReadable(path) || !Files.isWritable(path)) {
            throw new LakeException("lake warehouse " + path + " is not a readable and writable directory");
        }
    }
}
