package dsmart.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeCatalogTest {
    @TempDir
    Path dir;

    @Test
    void aPlainWarehousePathIsALocalDirectoryUnderTheDataDirectory() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();

        // the setting itself is a file: URI, which Path.of does not read as the directory
        assertThat(settings.text("lake.warehouse")).startsWith("file:");
        assertThat(LakeCatalog.localWarehouse(settings)).contains(dir.resolve("lake"));
    }

    @Test
    void aRemoteWarehouseIsNotLocal() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString(), "lake.warehouse", "s3://bucket/lake")).build();

        assertThat(LakeCatalog.localWarehouse(settings)).isEmpty();
    }
}
