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
                "--lang=zh-CN", "--accept-lang=zh-CN,zh");
        // the dashboard picks its language from Accept-Language: ask for Simplified Chinese, as the tests expect
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
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

    /**
     * Opens the dashboard, lands on the login form, logs in through it (the form carries its CSRF token) and
     * waits for the role's main page (home redirects there: /sales for executives and region managers).
     */
    public void logInThroughTheForm(String name, String password) {
        driver.get(base + "/");
        awaitLoginForm();
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage("login of " + name + " did not leave the login page")
                .until(d -> d.getCurrentUrl().startsWith(base + "/") && !d.getCurrentUrl().contains("/login")
                        && d.findElements(By.id("logout")).size() + d.findElements(By.id("error-message")).size() > 0);
    }

    /** Opens a path of the dashboard (already logged in). */
    public void open(String path) {
        driver.get(base + path);
    }

    /** Waits until a data table (table[data-source]) is filled, and answers its rows' keys (tr[data-key]). */
    public List<String> awaitTableKeys(String tableId) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage("table " + tableId + " was not filled")
                .until(d -> "true".equals(js("return document.getElementById('" + tableId.replace("'", "") + "').dataset.ready;")));
        List<String> keys = new ArrayList<>();
        driver.findElements(By.cssSelector("#" + tableId + " tbody tr")).forEach(tr -> keys.add(tr.getAttribute("data-key")));
        return keys;
    }

    /** The text of the data-freshness footer, once the page has shown it. */
    public String awaitFreshness() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage("data freshness was not shown")
                .until(d -> "true".equals(js("return document.getElementById('freshness').dataset.ready;")));
        return driver.findElement(By.id("freshness-text")).getText();
    }

    /** The status of an error page (403 ...), or null for a normal page. */
    public String errorStatus() {
        return (String) js("return document.body.dataset.status || null;");
    }

    /**
     * Navigation Timing of the current page, in milliseconds from navigation start: responseEnd,
     * domContentLoadedEventEnd, loadEventEnd (0 while not reached).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Number> navigationTiming() {
        return (Map<String, Number>) js("""
                var n = performance.getEntriesByType('navigation')[0];
                return { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };""");
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
