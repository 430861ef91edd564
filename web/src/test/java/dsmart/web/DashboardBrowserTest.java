package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The dashboard in real headless Chromium over a hand-made mart. */
class DashboardBrowserTest {
    static final String NAME = "zhou";
    static final String PASSWORD = "浏览器-browser-pass";

    @TempDir
    static Path profile;

    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        mart = JdbcMartQuery.over(connection);
        app = WebApp.start(new WebConfig(0,
                List.of(new WebUser(NAME, Role.EXECUTIVE, Passwords.hash(PASSWORD.toCharArray())))), mart);
        browser = Browser.open("http://127.0.0.1:" + app.port(), profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (mart != null) {
            mart.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.logOut();
    }

    @Test
    void withoutLoginTheDashboardLandsOnTheLoginPage() {
        browser.driver().get(browser.base() + "/");

        browser.awaitLoginForm();
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/login?next=/");
    }

    @Test
    void afterLoginTheChartShowsPhoneRevenuePerMonth() {
        browser.logInThroughTheForm(NAME, PASSWORD);
        browser.awaitChart();

        List<String> expectedMonths = new ArrayList<>();
        List<BigDecimal> expectedPhone = new ArrayList<>();
        for (LocalDate month : SalesMart.MONTHS) {
            expectedMonths.add(month.toString().substring(0, 7));
            expectedPhone.add(SalesMart.revenue(month, "phone"));
        }
        assertThat(browser.chartMonths()).isEqualTo(expectedMonths);
        assertThat(browser.chartSeries("电话销售")).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(expectedPhone);
    }

    @Test
    void afterLoginTheChartIsDrawnOnACanvas() throws Exception {
        browser.logInThroughTheForm(NAME, PASSWORD);
        browser.awaitChart();

        assertThat(browser.driver().findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        browser.screenshot(Path.of(System.getProperty("basedir", "."), "target", "dashboard.png"));
    }

    @Test
    void afterLoginTheTotalsTableShowsEveryChannel() {
        browser.logInThroughTheForm(NAME, PASSWORD);
        browser.awaitChart();

        List<String> channels = new ArrayList<>();
        browser.driver().findElements(By.cssSelector("#totals tbody tr")).forEach(tr -> channels.add(tr.getAttribute("data-channel")));
        assertThat(channels).containsExactlyInAnyOrderElementsOf(SalesMart.CHANNELS);
    }
}
