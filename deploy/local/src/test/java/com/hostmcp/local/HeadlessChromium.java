package com.hostmcp.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven by Selenium with the distribution's browser and driver (Debian {@code chromium} and
 * {@code chromium-driver}): both paths are given explicitly, so Selenium Manager never looks for, or downloads, a
 * browser or a driver. Every instance has a fresh profile directory, deleted on {@link #close()}.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Overridable for machines that keep them elsewhere (e.g. {@code -Dchromium.binary=/usr/bin/chromium-browser}). */
    static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriver driver;

    HeadlessChromium() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser test needs " + BINARY + " and " + DRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver)");
        }
        try {
            profile = Files.createTempDirectory("hostmcp-e2e-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // --no-sandbox: CI and this machine run as root; the rest keeps the browser from calling home during the test
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Lets pages of {@code origin} read and write the clipboard without a prompt (headless Chromium has no one to
     * click "Allow"), through the driver's CDP endpoint rather than a DevTools binding tied to one Chromium version.
     */
    void grantClipboard(String origin) {
        URI uri = URI.create(origin);
        String bare = uri.getScheme() + "://" + uri.getAuthority();
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", bare, "permissions",
                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        // the async clipboard API also wants a focused document, which a headless window is not by itself
        driver.executeCdpCommand("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
    }

    /** The text on the system clipboard, read by the current page (which must be of a granted origin). */
    String readClipboard() {
        Object text = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('clipboard read failed: ' + e));");
        return String.valueOf(text);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a failure needs for a diagnosis: a screenshot, the page source and the browser console, as
     * {@code <name>.png/.html/.console.txt} in {@code dir}. Best effort: a broken browser must not hide the failure.
     */
    void saveEvidence(Path dir, String name, Throwable failure) {
        try {
            Files.createDirectories(dir);
            screenshot(dir.resolve(name + ".png"));
            Files.writeString(dir.resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
                    + driver.getPageSource(), StandardCharsets.UTF_8);
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
                    .collect(Collectors.joining("\n"));
            Files.writeString(dir.resolve(name + ".console.txt"), console, StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            TestDirs.delete(profile);
        }
    }
}
