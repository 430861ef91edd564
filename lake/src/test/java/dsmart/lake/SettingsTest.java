package dsmart.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void everyDocumentedDefaultHasAKindAndEveryKindADefault() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream(Settings.DEFAULTS)) {
            defaults.load(in);
        }
        assertThat(defaults.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(Settings.keys());
    }

    @Test
    void fillReplacesEachPlaceholderWithItsSettingAndNamesAnUnknownKey() {
        Settings settings = Settings.builder().overrides(java.util.Map.of("tiers.full.amount", "50000")).build();

        assertThat(settings.fill("x / {{setting:tiers.full.amount}} + {{setting:lake.catalog.type}}")).isEqualTo("x / 50000 + hadoop");
        assertThatThrownBy(() -> settings.fill("{{setting:no.such.key}}")).hasMessageContaining("no.such.key");
    }

    @Test
    void defaultsNeedNoServer() {
        Settings settings = Settings.defaults();
        assertThat(settings.text("lake.catalog.type")).isEqualTo("hadoop");
        assertThat(settings.text("serving.engine")).isEqualTo("embedded");
        assertThat(settings.text("source.crm.url")).startsWith("jdbc:h2:file:");
        assertThat(settings.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void warehousePathBecomesAnAbsoluteFileUri() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", "some/dir")).build();
        String expected = Path.of("some/dir/lake").toAbsolutePath().normalize().toUri().toString().replaceFirst("/$", "");
        assertThat(settings.text("lake.warehouse")).isEqualTo(expected).startsWith("file:/");
    }

    @Test
    void referencesToOtherKeysAreResolved() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", "/srv/dsmart")).build();
        assertThat(settings.text("reports.dir")).isEqualTo("/srv/dsmart/reports");
        assertThat(settings.text("source.orders.url")).startsWith("jdbc:h2:file:/srv/dsmart/sources/orders;");
    }

    @Test
    void laterLayersWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dsmart.properties");
        Files.writeString(file, "web.port=8001\ngenerator.scale=3\n");
        Settings settings = Settings.builder()
                .file(file)
                .environment(Map.of("DSMART_WEB_PORT", "8002", "PATH", "/usr/bin"))
                .overrides(Map.of("generator.scale", "5"))
                .build();
        assertThat(settings.integer("web.port")).isEqualTo(8002);
        assertThat(settings.integer("generator.scale")).isEqualTo(5);
    }

    @Test
    void unknownKeyIsNamed() {
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("web.prot", "80")).build())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown setting web.prot=80");
    }

    @Test
    void unknownEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("DSMART_WEB_PROT", "80")).build())
                .hasMessageContaining("DSMART_WEB_PROT=80");
    }

    @Test
    void launcherVariablesAreNotSettings() {
        Settings settings = Settings.builder().environment(Map.of("DSMART_JAVA_OPTS", "-Xmx2g", "DSMART_DEBUG", "1")).build();
        assertThat(settings.integer("web.port")).isEqualTo(7070);
    }

    @Test
    void badValueNamesKeyAndValue() {
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("web.port", "seventy")).build())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("web.port=seventy");
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("business.zone", "Mars/Olympus")).build())
                .hasMessageContaining("business.zone=Mars/Olympus");
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("calendar.holidays", "2025-02-30")).build())
                .hasMessageContaining("calendar.holidays=2025-02-30");
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("transform.dated.by", "orders_order_lines:orders_orders")).build())
                .hasMessageContaining("transform.dated.by=orders_order_lines:orders_orders")
                .hasMessageContaining("child_table:column:parent_table");
    }

    @Test
    void jdbcCatalogWithoutUriIsNamed() {
        Settings settings = Settings.builder().overrides(Map.of("lake.catalog.type", "jdbc")).build();
        assertThatThrownBy(() -> LakeCatalog.properties(settings)).hasMessageContaining("lake.catalog.uri");
    }

    @Test
    void missingSettingsFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> Settings.builder().file(missing)).hasMessageContaining(missing.toString());
    }

    @Test
    void holidayRangesExpand() {
        Settings settings = Settings.builder().overrides(Map.of("calendar.holidays", "2025-10-01..2025-10-03, 2025-12-25")).build();
        assertThat(settings.dates("calendar.holidays")).containsExactly(
                LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 2), LocalDate.of(2025, 10, 3), LocalDate.of(2025, 12, 25));
    }

    @Test
    void passwordsAreMaskedInDescription() {
        Settings settings = Settings.builder().overrides(Map.of("source.crm.password", "secret")).build();
        assertThat(settings.describe()).containsEntry("source.crm.password", "****").containsEntry("source.orders.password", "");
    }
}
