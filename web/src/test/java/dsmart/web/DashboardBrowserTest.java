package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian chromium + chromium-driver). Fails, never skips, when the
 * driver is missing: CI installs it.
 */
class DashboardBrowserTest {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final String NAME = "zhou";
    static final String PASSWORD = "浏览器-browser-pass";

    @TempDir
    static Path profile;

    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static ChromeDriverService service;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMEDRIVER)
                .as("%s is missing: install chromium-driver (apt-get install -y chromium chromium-driver)", CHROMEDRIVER)
                .canRead();
        assertThat(CHROMIUM).as("%s is missing: install chromium (apt-get install -y chromium)", CHROMIUM).canRead();
        // Selenium Manager passes SE_* system properties to its process: stay offline even if it were asked
        System.setProperty("SE_OFFLINE", "true");

        connection = SalesMart.open();
        mart = JdbcMartQuery.over(connection);
        app = WebApp.start(new WebConfig(0,
                List.of(new WebUser(NAME, Role.EXECUTIVE, Passwords.hash(PASSWORD.toCharArray())))), mart);

        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1100",
                "--lang=zh-CN");
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
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
        driver.get(base() + "/health");
        driver.manage().deleteAllCookies();
    }

    @Test
    void withoutLoginTheDashboardLandsOnTheLoginPage() {
        driver.get(base() + "/");

        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/login?next=/");
    }

    @Test
    void afterLoginTheChartShowsPhoneRevenuePerMonth() {
        loginThroughTheForm();
        awaitChart();

        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) js("""
                var option = window.salesChart.getOption();
                var phone = option.series.filter(function (s) { return s.name === '电话销售'; })[0];
                return { months: option.xAxis[0].data, phone: phone ? phone.data : null };""");

        List<String> expectedMonths = new ArrayList<>();
        List<BigDecimal> expectedPhone = new ArrayList<>();
        for (LocalDate month : SalesMart.MONTHS) {
            expectedMonths.add(month.toString().substring(0, 7));
            expectedPhone.add(SalesMart.revenue(month, "phone"));
        }
        assertThat(chart.get("months")).isEqualTo(expectedMonths);
        assertThat(decimals(chart.get("phone"))).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(expectedPhone);
    }

    @Test
    void afterLoginTheChartIsDrawnOnACanvas() throws Exception {
        loginThroughTheForm();
        awaitChart();

        assertThat(driver.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        Path screenshot = Path.of(System.getProperty("basedir", "."), "target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void afterLoginTheTotalsTableShowsEveryChannel() {
        loginThroughTheForm();
        awaitChart();

        List<String> channels = new ArrayList<>();
        driver.findElements(By.cssSelector("#totals tbody tr")).forEach(tr -> channels.add(tr.getAttribute("data-channel")));
        assertThat(channels).containsExactlyInAnyOrderElementsOf(SalesMart.CHANNELS);
    }

    private static void loginThroughTheForm() {
        driver.get(base() + "/");
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        driver.findElement(By.id("name")).sendKeys(NAME);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base() + "/"));
    }

    private static void awaitChart() {
        wait(Duration.ofSeconds(20)).until(d -> "true".equals(js("return document.body.dataset.chartReady;")));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static List<BigDecimal> decimals(Object values) {
        assertThat(values).as("series data").isInstanceOf(List.class);
        List<BigDecimal> out = new ArrayList<>();
        for (Object value : (List<?>) values) {
            out.add(new BigDecimal(String.valueOf(value)));
        }
        return out;
    }

    private static WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    private static String base() {
        return "http://127.0.0.1:" + app.port();
    }
}
