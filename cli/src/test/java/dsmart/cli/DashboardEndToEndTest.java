package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.web.Browser;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served dashboard over the demo's lake, in real headless Chromium. */
class DashboardEndToEndTest {
    @TempDir
    static Path profile;

    static Server server;
    static Browser browser;

    @BeforeAll
    static void serve() {
        Settings settings = DemoRun.settings().with(Map.of("web.port", "0", "web.users", ""));
        server = Server.start(settings);
        browser = Browser.open("http://127.0.0.1:" + server.port(), profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void apiWithoutLoginIsRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(browser.base() + "/api/sales-monthly")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void pageWithoutLoginRedirectsToLogin() {
        browser.logOut();
        browser.driver().get(browser.base() + "/");
        browser.awaitLoginForm();
        assertThat(browser.driver().getCurrentUrl()).startsWith(browser.base() + "/login");
    }

    @Test
    void afterLoginTheChartShowsOnlineRevenuePerMonthFromTheSources() throws Exception {
        Map<LocalDate, BigDecimal> online = new TreeMap<>();
        SourceFigures.compute(DemoRun.settings()).salesMonthly.forEach((key, figures) -> {
            if (key.channel().equals("online")) {
                online.merge(key.month(), figures.revenue, BigDecimal::add);
            }
        });
        List<String> months = new ArrayList<>();
        online.keySet().forEach(month -> months.add(month.toString().substring(0, 7)));

        browser.logOut();
        browser.logInThroughTheForm("exec", Server.DEMO_PASSWORD);
        browser.awaitChart();

        assertThat(browser.chartMonths()).isEqualTo(months);
        assertThat(browser.chartSeries("网络销售")).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(online.values());
        browser.screenshot(Path.of("target", "e2e-dashboard.png"));
    }

}
