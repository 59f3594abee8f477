package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The built-in dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against a
 * real server (SQLite in a temp dir): first the empty state, then {@link KnownReports} posted through the API and a
 * release annotation, and every view must show the hand-worked numbers as page text. One server, one browser.
 * Screenshots of each view go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    /** Days for which the charts have one point per day. */
    private static final String RANGE = "&from=" + KnownReports.DAY1 + "&to=" + KnownReports.DAY3;

    @TempDir
    static Path dir;

    private Api api;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path screenshots;

    @BeforeAll
    void start() throws Exception {
        api = Api.start("sqlite", dir.resolve("data"), "--token-file", KnownReports.tokenFile(dir).toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // Without the background-networking flags Chromium keeps calling home, which this closed network can't answer.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectory(dir.resolve("chromium")),
                "--window-size=1400,1200", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 1200));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // the page re-renders while the test waits
        screenshots = Path.of(System.getProperty("telemetry.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    @Order(1)
    void anEmptyServerShowsTheSettingThatSendsTheFirstReportHere() throws Exception {
        open("/");
        WebElement setting = browser.findElement(By.id("first-report-setting"));
        assertThat(setting.isDisplayed()).isTrue();
        assertThat(setting.getText()).isEqualTo("-Dtelemetry.enabled=true -Dtelemetry.endpoint=" + api.base);
        assertThat(api.base.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(kpi("runs")).isEqualTo("0");
        screenshot("empty");
    }

    @Test
    @Order(2)
    void everyViewShowsTheNumbersOfTheKnownReports() throws Exception {
        KnownReports.post(api);

        open("/?view=environments");
        assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();
        assertThat(kpi("runs")).isEqualTo("4");
        assertThat(kpi("tests")).isEqualTo("270");
        // every outcome has its tile, so the tiles add up to the tests (flaky ones are among the passed)
        long outcomes = 0;
        for (String outcome : List.of("passed", "failed", "errored", "skipped", "aborted", "incomplete")) {
            outcomes += Long.parseLong(kpi(outcome).replace(",", ""));
        }
        assertThat(outcomes).isEqualTo(270);
        assertThat(rows("table-java")).containsExactly("17 3 75.0 %", "21 1 25.0 %");
        assertThat(rows("table-framework")).containsExactly("junit-jupiter 6.1.3 3 75.0 %", "testng 7.12.0 1 25.0 %");
        assertThat(rows("table-os")).containsExactly("Linux 3 75.0 %", "Mac OS X 1 25.0 %");
        assertThat(rows("table-arch")).containsExactly("amd64 3 75.0 %", "aarch64 1 25.0 %");
        assertThat(rows("table-ci")).containsExactly("github-actions 3 75.0 %", "none 1 25.0 %");
        assertThat(rows("table-buildTool")).containsExactly("maven 3 75.0 %", "gradle 1 25.0 %");
        screenshot("environments");

        open("/?view=trends" + RANGE);
        // one point per day: Latest is the day-3 value, Min/Max over the three days
        assertThat(rows("chart-runs-legend")).containsExactly("All 1 1 2", "Java 17 1 1 2", "Java 21 1 1 1");
        assertThat(rows("chart-duration-legend")).containsExactly("All 1.00 s 1.00 s 4.00 s",
                "Java 17 1.00 s 1.00 s 4.00 s", "Java 21 2.00 s 2.00 s 2.00 s");
        assertThat(rows("chart-heap-legend")).containsExactly("All 128.0 MiB 128.0 MiB 256.0 MiB",
                "Java 17 256.0 MiB 256.0 MiB 256.0 MiB", "Java 21 128.0 MiB 128.0 MiB 128.0 MiB");
        assertThat(rows("chart-tests-legend")).containsExactly("All 20.0 20.0 100.0",
                "Java 17 20.0 20.0 100.0", "Java 21 50.0 50.0 50.0");
        assertThat(rows("chart-coverage-legend")).contains("Line, all 90.0 % 80.0 % 90.0 %",
                "Branch, all 50.0 % 50.0 % 75.0 %", "Line, Java 21 90.0 % 90.0 % 90.0 %");
        // 800 assertions / 200 tests on day 1, 100 / 50 on day 2, none counted on day 3
        assertThat(rows("chart-assertions-legend")).contains("All 2.00 2.00 4.00");
        assertReleaseMarkers(6);
        screenshot("trends");

        open("/?view=outcomes" + RANGE);
        assertThat(rows("table-outcomes")).containsExactly("passed 248 91.9 %", "failed 10 3.7 %",
                "errored 2 0.7 %", "skipped 6 2.2 %", "aborted 2 0.7 %", "incomplete 2 0.7 %", "flaky 4 1.5 %",
                "total 270 100.0 %", "void (no assertion) 5 1.9 %");
        assertThat(rows("chart-outcomes-legend")).contains("failed 2 0 8", "void 5 5 5");
        assertReleaseMarkers(2);
        screenshot("outcomes");

        open("/?view=sizes" + RANGE);
        assertThat(rows("table-sizes")).containsExactly("Classes per run 7.0", "Methods per class 4.82",
                "Tests per method 2.00", "Tests per run 67.5");
        assertReleaseMarkers(2);
        screenshot("sizes");

        open("/?view=projects");
        assertThat(rows("table-projects-runs")).containsExactly("org.acme shop-service 2 200 100.0",
                "org.acme billing 1 50 50.0");
        assertThat(rows("table-projects-size")).containsExactly("org.acme shop-service 2 200 100.0",
                "org.acme billing 1 50 50.0");
        assertThat(text("anonymized")).isEqualTo("Anonymized projects (only counted, never listed): 1 projects, 1 runs.");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .doesNotContain(KnownReports.HASHED_PROJECT).doesNotContain(KnownReports.HASHED_VENDOR);
        screenshot("projects");
    }

    @Test
    @Order(3)
    void changingAFilterChangesTheNumbersAndIsKeptInTheUrl() {
        open("/?view=outcomes" + RANGE);
        assertThat(kpi("tests")).isEqualTo("270");
        browser.findElement(By.id("f-vendor")).sendKeys("org.acme");
        browser.findElement(By.id("f-project")).sendKeys("billing");
        browser.findElement(By.id("f-apply")).click();
        wait.until(d -> kpi("tests").equals("50"));
        waitLoaded("outcomes");
        assertThat(browser.getCurrentUrl()).contains("vendor=org.acme").contains("project=billing")
                .contains("from=" + KnownReports.DAY1);
        assertThat(kpi("runs")).isEqualTo("1");
        assertThat(rows("table-outcomes")).contains("passed 50 100.0 %", "failed 0 0.0 %", "void (no assertion) 5 10.0 %");

        // the shared URL opens the same filtered view; a time range without runs says so
        open("/?view=environments&vendor=org.acme&project=billing");
        assertThat(rows("table-java")).containsExactly("21 1 100.0 %");
        open("/?view=environments&to=2026-10-05");
        assertThat(kpi("runs")).isEqualTo("2");
        assertThat(rows("table-java")).containsExactly("17 2 100.0 %");
        open("/?view=trends&from=2026-11-01");
        assertThat(browser.findElement(By.id("nomatch")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();
    }

    private void open(String pathAndQuery) {
        browser.get(api.base + pathAndQuery);
        String view = pathAndQuery.contains("view=") ? pathAndQuery.replaceAll(".*view=([a-z]+).*", "$1") : "environments";
        waitLoaded(view);
    }

    private void waitLoaded(String view) {
        wait.until(d -> {
            String loaded = browser.findElement(By.tagName("body")).getAttribute("data-loaded");
            if ("error".equals(loaded)) {
                throw new AssertionError("the page shows an error: " + text("error"));
            }
            return view.equals(loaded);
        });
    }

    private String kpi(String name) {
        return browser.findElement(By.cssSelector("#kpi-" + name + " .value")).getText();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Each body row of a table as its cells' text joined by single spaces. */
    private List<String> rows(String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText)
                        .filter(t -> !t.isEmpty()).collect(Collectors.joining(" ")))
                .toList();
    }

    /** The release is drawn on every time chart of the view, between the second and the third day. */
    private void assertReleaseMarkers(int charts) {
        List<WebElement> cards = browser.findElements(By.cssSelector(".card:has(.chart)"));
        assertThat(cards).hasSize(charts);
        for (WebElement card : cards) {
            List<WebElement> markers = card.findElements(By.cssSelector(".release-marker"));
            assertThat(markers).as(card.getAttribute("id")).hasSize(1);
            assertThat(markers.get(0).getText()).isEqualTo(KnownReports.RELEASE_TAG);
            assertThat(markers.get(0).getAttribute("title")).contains("acme/shop-service").contains("2026-10-06");
            // drawn inside the plot, between day 2 and day 3
            Map<String, Object> box = geometry(card, markers.get(0));
            assertThat(((Number) box.get("x")).doubleValue()).as(card.getAttribute("id"))
                    .isBetween(0.5, 0.9);
        }
    }

    /** The marker's x position as a fraction of its plot area's width. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> geometry(WebElement card, WebElement marker) {
        return (Map<String, Object>) browser.executeScript(
                "var o = arguments[0].querySelector('.u-over').getBoundingClientRect();"
                        + "var m = arguments[1].getBoundingClientRect();"
                        + "return {x: (m.left - o.left) / o.width};", card, marker);
    }

    private void screenshot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
