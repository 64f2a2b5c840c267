package io.kincir.sample;

import io.kincir.conformance.ExternalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its driver, run headless. Both paths are given, so Selenium Manager never
 * looks for (or downloads) a browser or a driver. When they are missing, the test fails under
 * {@code CI=true}, where {@code .ci/run} must have installed them, and is skipped elsewhere.
 */
final class HeadlessChromium {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Fails (under CI) or skips (elsewhere) the calling test if Chromium or its driver is missing. */
    static void require() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        ExternalServer.missing("Chromium is not installed at " + BROWSER + " with its driver at " + DRIVER
                + ". Install them with: sudo apt-get install -y chromium chromium-driver  (or run .ci/run)");
    }

    /** @return a new headless browser with a fresh profile; quit it when done */
    static ChromeDriver start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("kincir-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1500,1250", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).build();
        return new ChromeDriver(service, options);
    }
}
