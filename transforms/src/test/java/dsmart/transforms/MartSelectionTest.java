package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MartSelectionTest {

    @Test
    void everyMartWhenTheSettingIsEmpty() {
        assertThat(Transforms.selected(Settings.builder().build())).isEqualTo(Transforms.MARTS);
    }

    @Test
    void theNamedMartsInTheRunnersOrder() {
        Settings settings = Settings.builder().overrides(Map.of("transform.marts", "customer_sales, sales_monthly")).build();

        assertThat(Transforms.selected(settings)).extracting(m -> m.table().name()).containsExactly("sales_monthly", "customer_sales");
    }

    @Test
    void anUnknownMartNamesTheSetting() {
        Settings settings = Settings.builder().overrides(Map.of("transform.marts", "sales_monthly,sales_forecast")).build();

        assertThatThrownBy(() -> Transforms.selected(settings)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("transform.marts").hasMessageContaining("sales_forecast");
    }
}
