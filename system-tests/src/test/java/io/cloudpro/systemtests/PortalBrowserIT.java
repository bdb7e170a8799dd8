package io.cloudpro.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privacy portal's journeys in a real Chromium against the packaged suite: a customer logs in
 * (identity-service checks the password), sees their data, files an access request, and downloads
 * the package once every service has answered. Each page's screenshot goes to
 * {@code target/portal-screenshots} (the README's come from there).
 */
@ExtendWith(SharedSuite.class)
class PortalBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    private static ChromeDriver browser;
    private static Path downloads;
    private static SuiteClient client;

    @BeforeAll
    static void startBrowser() throws IOException {
        client = new SuiteClient(SharedSuite.suite());
        downloads = Files.createTempDirectory("portal-downloads-");
        Files.createDirectories(SCREENSHOTS);
        browser = Chromium.start(downloads);
    }

    /** Each journey starts logged out, as a new visitor. */
    @BeforeEach
    void newVisitor() {
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerLogsInSeesTheirDataFilesAnAccessRequestAndDownloadsThePackage() throws Exception {
        SuiteClient.Customer customer = client.register("Browser", false);
        String portal = client.privacyRights() + "/portal";

        browser.get(portal + "/login");
        assertEquals("Log in - CloudPro", browser.getTitle());
        screenshot("login");
        browser.findElement(By.id("email")).sendKeys(customer.email());
        browser.findElement(By.id("password")).sendKeys(SuiteClient.PASSWORD);
        open(browser.findElement(By.cssSelector("form[action='/portal/login'] button[type=submit]")));

        assertEquals("My data - CloudPro", browser.getTitle());
        String myData = browser.findElement(By.tagName("main")).getText();
        assertTrue(myData.contains("Jan Browser") && myData.contains(customer.email()), myData);
        assertTrue(myData.contains("Dorpsstraat 1, 5042 CR Tilburg, NL"), myData);
        assertTrue(myData.contains("Logged in"), "the login the browser just made, in the history: " + myData);
        // each service said what it holds: identity-service the account and this login, this portal its session
        // (each gets 5 s per page; one still warming up on a busy machine is shown as silent, so look again)
        String holdings = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofSeconds(2)).until(page -> {
            String text = page.findElement(By.cssSelector("section.holdings")).getText();
            if (text.contains("did not answer")) {
                page.navigate().refresh();
                return null;
            }
            return text;
        });
        assertTrue(holdings.contains("identity-service") && holdings.contains("IP addresses of logins")
                && holdings.contains("90 days from the login itself, then deleted"), holdings);
        assertTrue(holdings.contains("Your logins to the privacy portal"), holdings);
        screenshot("my-data");
        browser.get(portal + "/my-data#holdings-heading");
        screenshot("my-data-holdings");

        // the privacy statement, in Dutch by the link on the English one (made once the catalogues settled)
        new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofSeconds(2)).until(page -> {
            page.get(client.privacyRights() + "/privacy-statement?lang=en");
            return "Privacy statement".equals(page.findElement(By.tagName("h1")).getText());
        });
        open(browser.findElement(By.linkText("Nederlands")));
        assertEquals("Privacyverklaring", browser.findElement(By.tagName("h1")).getText());
        String statement = browser.findElement(By.tagName("main")).getText();
        assertTrue(statement.contains("IP-adressen van logins") && statement.contains("90 dagen vanaf de login zelf"), statement);
        screenshot("privacy-statement-nl");
        browser.get(portal + "/my-data");

        open(browser.findElement(By.linkText("My rights")));
        assertEquals("My rights - CloudPro", browser.getTitle());
        new Select(browser.findElement(By.id("type"))).selectByValue("ACCESS");
        open(browser.findElement(By.cssSelector("form[action='/portal/my-rights/requests'] button[type=submit]")));
        String filed = browser.findElement(By.tagName("main")).getText();
        assertTrue(filed.contains("Access: a copy of all your data"), filed);

        // every service answers within seconds; the page shows the download once they have
        new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofSeconds(1)).until(page -> {
            page.navigate().refresh();
            return !page.findElements(By.linkText("Download your data (JSON)")).isEmpty();
        });
        screenshot("my-rights");
        assertTrue(browser.findElement(By.cssSelector(".request .status")).getText().contains("Answered"));
        browser.findElement(By.linkText("Download your data (JSON)")).click();
        Path saved = awaitDownload(Duration.ofSeconds(30));
        JsonNode pack = SuiteClient.JSON.readTree(saved.toFile());
        assertEquals("ACCESS", pack.path("request").path("type").asText(), pack.toString());
        assertTrue(pack.path("services").toString().contains(customer.email()), "the package holds the customer's data");
    }

    @Test
    void someoneWithoutAnAccountFilesAnErasureRequestWithTheCodeMailedToThem() throws Exception {
        String email = "no-account-" + System.nanoTime() + "@example.nl";
        browser.get(client.privacyRights() + "/portal/login");
        open(browser.findElement(By.linkText("file a request with your e-mail address")));
        assertEquals("File a request without an account - CloudPro", browser.getTitle());
        browser.findElement(By.id("email")).sendKeys(email);
        new Select(browser.findElement(By.id("type"))).selectByValue("ERASURE");
        screenshot("request-without-account");
        open(browser.findElement(By.cssSelector("form[action='/portal/requests/new'] button[type=submit]")));

        assertEquals("Enter your code - CloudPro", browser.getTitle());
        Matcher code = Pattern.compile("^\\s+(\\d{6})\\s*$", Pattern.MULTILINE).matcher(client.awaitMail(email, "Your code").body());
        assertTrue(code.find(), "a six-digit code in the mail");
        browser.findElement(By.id("code")).sendKeys(code.group(1));
        open(browser.findElement(By.cssSelector("form button[type=submit]")));

        assertEquals("Request filed - CloudPro", browser.getTitle());
        String filed = browser.findElement(By.tagName("main")).getText();
        assertTrue(filed.contains("Erasure: delete your data") && filed.contains("Answer due by"), filed);
    }

    @Test
    void theOfficerExtendsARequestWithReasonsAndSeesItMoveInTheQueue() throws Exception {
        SuiteClient.Customer customer = client.register("Queue", false);
        String first = filed(client.send("POST", client.privacyRights() + "/api/v1/privacy/requests", customer.token(),
                "{\"type\":\"RECTIFICATION\",\"details\":\"My street is Dorpsstraat 3\"}"));
        String second = filed(client.send("POST", client.privacyRights() + "/api/v1/privacy/requests", customer.token(),
                "{\"type\":\"RECTIFICATION\",\"details\":\"My city is Breda\"}"));
        String officer = "portal-officer-" + System.nanoTime() + "@cloudpro.local";
        client.staff(SharedSuite.adminToken(), officer, "privacy-officer");

        browser.get(client.privacyRights() + "/portal/login");
        browser.findElement(By.id("email")).sendKeys(officer);
        browser.findElement(By.id("password")).sendKeys(SuiteClient.PASSWORD);
        open(browser.findElement(By.cssSelector("form[action='/portal/login'] button[type=submit]")));
        assertEquals("Requests queue - CloudPro", browser.getTitle(), "the officer lands on the queue");
        String deadlineBefore = browser.findElement(By.cssSelector("#queue-" + first + " td")).getText();
        screenshot("officer-queue");

        open(browser.findElement(By.cssSelector("#queue-" + first + " a")));
        new Select(browser.findElement(By.id("months"))).selectByValue("2");
        browser.findElement(By.id("reasons")).sendKeys("We need the registry's answer before we can correct this.");
        screenshot("officer-request");
        open(browser.findElement(By.cssSelector("form[action$='/extend'] button[type=submit]")));
        assertTrue(browser.findElement(By.id("deadline")).getText().contains("(extended)"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("decision.extended"));

        open(browser.findElement(By.linkText("Back to the queue")));
        open(browser.findElement(By.linkText("Check the history's chain")));
        assertTrue(browser.findElement(By.id("chain")).getText().contains("intact"), browser.findElement(By.id("chain")).getText());
        open(browser.findElement(By.linkText("Back to the queue")));
        String deadlineAfter = browser.findElement(By.cssSelector("#queue-" + first + " td")).getText();
        assertTrue(deadlineAfter.contains("(extended)") && !deadlineAfter.equals(deadlineBefore), deadlineAfter);
        List<String> order = browser.findElements(By.cssSelector("table.queue tbody tr")).stream()
                .map(row -> row.getAttribute("id")).toList();
        assertTrue(order.indexOf("queue-" + first) > order.indexOf("queue-" + second),
                "the extended request now comes after the one filed with it: " + order);

        // a legal hold on a category, placed and lifted at retention-service from the officer's pages
        open(browser.findElement(By.linkText("Retention")));
        assertEquals("Retention and legal holds - CloudPro", browser.getTitle());
        String heldSubject = java.util.UUID.randomUUID().toString(); // nobody else's data: the shared suite's other tests are unaffected
        String reference = "case " + System.nanoTime();
        browser.findElement(By.id("hold-subject")).sendKeys(heldSubject);
        browser.findElement(By.id("hold-reference")).sendKeys(reference);
        browser.findElement(By.id("hold-reason")).sendKeys("Dispute about an invoice before the court");
        open(browser.findElement(By.cssSelector("form[action='/portal/officer/retention/holds'] button[type=submit]")));
        String held = browser.findElement(By.tagName("main")).getText();
        assertTrue(held.contains(reference + ": everything of " + heldSubject), held);
        screenshot("officer-retention");
        var hold = browser.findElement(By.xpath("//article[h3[contains(., '" + reference + "')]]"));
        hold.findElement(By.name("reason")).sendKeys("The dispute was settled");
        open(hold.findElement(By.cssSelector("button[type=submit]")));
        assertTrue(!browser.findElement(By.tagName("main")).getText().contains(reference), "the hold is lifted");

        open(browser.findElement(By.linkText("Statistics")));
        assertEquals("Statistics - CloudPro", browser.getTitle());
        List<WebElement> months = browser.findElements(By.cssSelector("#per-month-title ~ rect.chart-bar"));
        assertEquals(12, months.size(), "a bar a month");
        assertTrue(Integer.parseInt(months.get(11).getAttribute("width")) > 0, "this month's requests, filed above, have a bar");
        screenshot("officer-statistics");
    }

    /**
     * Clicks a link or a form's button and waits until the page it leads to has loaded: a click can
     * return before the browser has left the old page, so reading at once may find the old page or none.
     */
    private static void open(WebElement clickable) {
        WebElement leaving = browser.findElement(By.tagName("html"));
        clickable.click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
        wait.until(ExpectedConditions.stalenessOf(leaving));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
    }

    private static String filed(java.net.http.HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return SuiteClient.json(response).path("id").asText();
    }

    /** The package file, once Chromium has finished writing it (a partial download has another suffix). */
    private static Path awaitDownload(Duration timeout) {
        return new org.openqa.selenium.support.ui.FluentWait<>(downloads).withTimeout(timeout)
                .pollingEvery(Duration.ofMillis(200)).ignoring(java.io.UncheckedIOException.class)
                .withMessage(() -> "no package downloaded into " + downloads)
                .until(dir -> {
                    try (Stream<Path> files = Files.list(dir)) {
                        return files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElse(null);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    private static void screenshot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
