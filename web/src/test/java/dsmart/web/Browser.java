package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The dashboard in real headless Chromium (Debian chromium + chromium-driver), for this module's tests
 * and the end-to-end test of the CLI. Fails, never skips, when the browser or driver is missing.
 */
public final class Browser implements AutoCloseable {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/bin/chromium");

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final String base;

    private Browser(ChromeDriverService service, WebDriver driver, String base) {
        this.service = service;
        this.driver = driver;
        this.base = base;
    }

    /** A browser for the dashboard at base (http://127.0.0.1:port), with a fresh profile in the given directory. */
    public static Browser open(String base, Path profile) {
        assertThat(CHROMEDRIVER)
                .as("%s is missing: install chromium-driver (apt-get install -y chromium chromium-driver)", CHROMEDRIVER)
                .canRead();
        assertThat(CHROMIUM).as("%s is missing: install chromium (apt-get install -y chromium)", CHROMIUM).canRead();
        // Selenium Manager passes SE_* system properties to its process: stay offline even if it were asked
        System.setProperty("SE_OFFLINE", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1100",
                "--lang=zh-CN");
        return new Browser(service, new ChromeDriver(service, options), base);
    }

    public WebDriver driver() {
        return driver;
    }

    public String base() {
        return base;
    }

    public void logOut() {
        driver.get(base + "/health");
        driver.manage().deleteAllCookies();
    }

    /** Opens the dashboard, lands on the login form, logs in through it and waits for the dashboard. */
    public void logInThroughTheForm(String name, String password) {
        driver.get(base + "/");
        awaitLoginForm();
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/"));
    }

    public void awaitLoginForm() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
    }

    public void awaitChart() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "true".equals(js("return document.body.dataset.chartReady;")));
    }

    /** The chart's x-axis months (YYYY-MM). */
    @SuppressWarnings("unchecked")
    public List<String> chartMonths() {
        return (List<String>) js("return window.salesChart.getOption().xAxis[0].data;");
    }

    /** The chart's series of one channel, by its label (电话销售, 网络销售, 上门拜访); empty when absent. */
    public List<BigDecimal> chartSeries(String label) {
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) js("""
                var series = window.salesChart.getOption().series.filter(function (s) { return s.name === arguments[0]; })[0];
                return { data: series ? series.data : [] };""".replace("arguments[0]", "'" + label.replace("'", "") + "'"));
        List<BigDecimal> out = new ArrayList<>();
        for (Object value : (List<?>) found.get("data")) {
            out.add(new BigDecimal(String.valueOf(value)));
        }
        return out;
    }

    public void screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    public Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
