package com.bookingengine.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The operations page in a real browser (the system's headless Chromium, driven through its chromedriver) against
 * the started engine: an operator enters a key once, and bookings and seats made and canceled through the API show
 * up on the page without a reload; a key without the OPERATOR role gets a note instead of the processors. The page
 * follows the streams where they answer and polls every 2 s where they do not, so this holds either way.
 * A machine without Chromium fails here, saying what to install: the page is not tested by skipping it.
 */
class OperationsPageBrowserTest extends EngineTest {

    private static final String CHROMEDRIVER = System.getProperty("ops.chromedriver", "/usr/bin/chromedriver");
    private static final String CHROMIUM = System.getProperty("ops.chromium", "/usr/bin/chromium");
    private static final Duration LIVE = Duration.ofSeconds(20);

    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void openBrowser() throws IOException {
        for (String binary : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(Paths.get(binary))) {
                fail(binary + " is missing: the operations page's browser test needs Chromium and its driver "
                        + "(Debian: apt-get install -y chromium chromium-driver; .ci/run installs them), or "
                        + "-Dops.chromium=... -Dops.chromedriver=... naming where they are");
            }
        }
        // The driver named outright: Selenium Manager never runs, so nothing is downloaded or reported anywhere.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        profile = Files.createTempDirectory("ops-page-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1200", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void bookingsAndSeatsChangeOnThePageAsTheyChangeInTheEngine() throws IOException {
        // given a class with two seats the day after tomorrow, and the page opened with an owner's key
        String serviceId = "ops-" + UUID.randomUUID();
        String sessionId = "ses-" + UUID.randomUUID();
        createClass(serviceId, sessionId, Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS));
        openPage();
        enterKey(Api.OWNER);
        select("availability-service", serviceId);
        select("bookings-service", serviceId);
        waitFor(By.cssSelector(slot(sessionId, 2)));
        // the page keeps this mark until it is reloaded
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        // when a customer books a seat through the API
        Map<String, Object> booking = new HashMap<>(Map.of("serviceId", serviceId, "sessionId", sessionId,
                "participants", 1, "contact", Map.of("contactId", "c-ops", "firstName", "Grace",
                        "lastName", "Hopper", "email", "grace@example.com"),
                "payment", Map.of("option", "IN_PERSON")));
        Api.Response created = api.post(Api.BOOKER, "/bookings", booking);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String bookingId = created.text("bookingId");

        // then it appears among the confirmed bookings and the session shows one seat open, without a reload
        waitForText(By.cssSelector(group("CONFIRMED") + " " + row(bookingId)), "Grace Hopper", "IN_PERSON");
        waitFor(By.cssSelector(slot(sessionId, 1)));
        assertThat(notReloaded()).isTrue();
        screenshot();

        // when the owner cancels it through the API
        Api.Response canceled = api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of("reason", "ops test"));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);

        // then the page moves it to the canceled bookings and the seat is open again, still without a reload
        waitFor(By.cssSelector(group("CANCELED") + " " + row(bookingId)));
        assertThat(browser.findElements(By.cssSelector(group("CONFIRMED") + " " + row(bookingId)))).isEmpty();
        waitFor(By.cssSelector(slot(sessionId, 2)));
        assertThat(notReloaded()).isTrue();
        assertThat(cspViolations()).isEmpty();
    }

    @Test
    void theProcessorsNeedAnOperatorKeyAndSaySo() {
        // given the page opened with an owner's key: a polite note where the processors would be
        openPage();
        enterKey(Api.OWNER);
        waitForText(By.id("processors-note"), "OPERATOR");
        assertThat(browser.findElement(By.id("processors-table")).isDisplayed()).isFalse();

        // when the operator's key is entered instead
        browser.findElement(By.id("change-key")).click();
        enterKey(Api.OPERATOR);

        // then the processors show with their positions, and the bookings say which role they need
        waitForText(By.cssSelector("#processors-table tr[data-processor='bookings']"), "running");
        waitForText(By.id("bookings-note"), "OWNER or AUDITOR");
        assertThat(browser.findElement(By.id("processors-note")).isDisplayed()).isFalse();
        assertThat(cspViolations()).isEmpty();
    }

    /**
     * The page in a fresh state: no key kept from an earlier test in this tab. The tab's storage is cleared from one of
     * the page's files, where no script of the page runs that could store the key again.
     */
    private static void openPage() {
        browser.get(baseUrl() + "/ops/ops.css");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        browser.get(baseUrl() + "/");
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + engine.getEnvironment().getRequiredProperty("local.server.port");
    }

    private static void createClass(String serviceId, String sessionId, Instant start) {
        Api.Response created = api.post(Api.OWNER, "/services", Map.of(
                "serviceId", serviceId, "name", "Ops page yoga", "type", "CLASS", "timeZone", "Europe/Berlin",
                "price", Map.of("amount", "20.00", "currency", "EUR"), "paymentOptions", List.of("IN_PERSON"),
                "capacity", 2, "sessions", List.of(Map.of("sessionId", sessionId, "start", start.toString(),
                        "end", start.plus(1, ChronoUnit.HOURS).toString()))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static void enterKey(String key) {
        WebElement input = waitFor(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.id("use-key")).click();
        waitFor(By.id("dashboard"));
    }

    /** Chooses a service in a list the page fills from the catalogue (it may need a moment to arrive). */
    private static void select(String selectId, String serviceId) {
        waitFor(By.cssSelector("#" + selectId + " option[value='" + serviceId + "']"));
        new Select(browser.findElement(By.id(selectId))).selectByValue(serviceId);
    }

    private static String slot(String sessionId, int openSpots) {
        return "#availability-grid .slot[data-session-id='" + sessionId + "'][data-open-spots='" + openSpots + "']";
    }

    private static String group(String status) {
        return "#bookings-groups section[data-status='" + status + "']";
    }

    private static String row(String bookingId) {
        return "tr[data-booking-id='" + bookingId + "']";
    }

    private static WebElement waitFor(By what) {
        return new WebDriverWait(browser, LIVE).withMessage(OperationsPageBrowserTest::whatThePageShows)
                .until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /**
     * Waits until the element shows every one of {@code texts}, finding it afresh each time: the page redraws a
     * section when it changes, so an element found once may be gone the next moment.
     */
    private static void waitForText(By what, String... texts) {
        new WebDriverWait(browser, LIVE).withMessage(OperationsPageBrowserTest::whatThePageShows)
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    WebElement element = driver.findElement(what);
                    String text = element.getText();
                    return element.isDisplayed() && Stream.of(texts).allMatch(text::contains);
                });
    }

    /** For a failure's message: how each section gets its updates, what it shows, and what the browser logged. */
    private static String whatThePageShows() {
        StringBuilder page = new StringBuilder("the page shows:");
        for (String id : List.of("bookings-feed", "availability-feed", "key-error", "bookings-note",
                "availability-note", "processors-note", "bookings-groups", "availability-grid")) {
            browser.findElements(By.id(id)).forEach(element -> page.append("\n").append(id).append(": ")
                    .append(element.getText().replace('\n', ' ')));
        }
        browser.manage().logs().get(LogType.BROWSER).getAll()
                .forEach(entry -> page.append("\nconsole: ").append(entry.getMessage()));
        return page.toString();
    }

    private static boolean notReloaded() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"));
    }

    /** What the page's Content-Security-Policy blocked (nothing, if the page keeps to its own files). */
    private static List<String> cspViolations() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /** The page as the test saw it, for a look after the run (docs/ops-page.png is one of these). */
    private static void screenshot() throws IOException {
        Path target = Paths.get("target", "ops-page.png");
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
