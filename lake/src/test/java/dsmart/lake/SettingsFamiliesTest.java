package dsmart.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key families such as ingest.table.<system>.<table>.cursor: validated like fixed keys, no defaults. */
class SettingsFamiliesTest {

    @Test
    void everyFamilyIsDocumentedInTheDefaultsFile() throws IOException {
        String defaults;
        try (InputStream in = Settings.class.getResourceAsStream(Settings.DEFAULTS)) {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Settings.familyForms()).isNotEmpty().allSatisfy(form -> assertThat(defaults).contains(form));
    }

    @Test
    void aKeyOfAFamilyIsAcceptedAndReadBack() {
        Settings settings = Settings.builder().overrides(Map.of(
                "ingest.table.crm.customers.cursor", "modified_at",
                "ingest.table.crm.customers.accepted.customer_type", "retail|wholesale",
                "ingest.feed.prices.columns", "sku:string, price:decimal(18,2), valid_from:date")).build();
        assertThat(settings.has("ingest.table.crm.customers.cursor")).isTrue();
        assertThat(settings.text("ingest.table.crm.customers.cursor", "updated_at")).isEqualTo("modified_at");
        assertThat(settings.text("ingest.table.crm.reps.cursor", "updated_at")).isEqualTo("updated_at");
        assertThat(settings.startingWith("ingest.table.crm.customers.")).containsOnlyKeys(
                "ingest.table.crm.customers.cursor", "ingest.table.crm.customers.accepted.customer_type");
    }

    @Test
    void aKeyOutsideEveryFamilyIsUnknown() {
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("ingest.table.crm.customers.cursr", "x")).build())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown setting ingest.table.crm.customers.cursr=x");
    }

    @Test
    void aBadValueNamesTheKeyOfTheFamily(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("dsmart.properties"), "ingest.feed.prices.encoding=EBCDIC-nonsense\n");
        assertThatThrownBy(() -> Settings.builder().file(file).build())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("ingest.feed.prices.encoding=EBCDIC-nonsense");
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("ingest.feed.prices.columns", "sku:varchar")).build())
                .hasMessageContaining("ingest.feed.prices.columns=sku:varchar");
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("ingest.table.orders.orders.references.customer_id", "crm_customers")).build())
                .hasMessageContaining("ingest.table.orders.orders.references.customer_id");
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("ingest.feed.prices.date.format", "yyyy-MM-dd|bogus{")).build())
                .hasMessageContaining("ingest.feed.prices.date.format");
    }

    @Test
    void aCharsetThatIsNotAsciiCompatibleIsRefused() {
        assertThatThrownBy(() -> Settings.builder().overrides(Map.of("ingest.feed.prices.encoding", "UTF-16")).build())
                .hasMessageContaining("ASCII-compatible");
        assertThat(Settings.builder().overrides(Map.of("ingest.feed.prices.encoding", "GBK")).build()
                .text("ingest.feed.prices.encoding")).isEqualTo("GBK");
    }
}
