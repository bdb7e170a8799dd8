package io.cloudpro.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * packages (nothing is downloaded: no browser can be here). Headless, with a profile of its own and
 * without the background connections a closed network refuses. Where the browser is not installed,
 * the browser tests are skipped with a message saying so - unless BROWSER_TESTS_REQUIRED=true (CI),
 * which turns that into a failure.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_PATH", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** A new headless Chromium that saves downloads into {@code downloads}. */
    static ChromeDriver start(Path downloads) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String missing = "the browser tests need Chromium and its driver at " + BROWSER + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)";
            if (Boolean.parseBoolean(System.getenv("BROWSER_TESTS_REQUIRED"))) {
                throw new IllegalStateException(missing);
            }
            System.out.println("SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-quic", "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--disable-default-apps",
                            "--window-size=1280,1000", "--user-data-dir=" + profile)
                    .setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                            "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
