package org.swhvault.http;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its chromedriver (packages {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), with a download directory of its own and explicit
 * waits long enough for a loaded 2-core machine. Selenium is given both programs, so it never looks for or
 * downloads a driver.
 */
final class HeadlessChromium implements AutoCloseable {
    /** How long any wait lasts at most: generous, since waits return as soon as their condition holds. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> BROWSERS = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium");
    private static final String DRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    final Path downloads;

    HeadlessChromium(Path dir) throws IOException {
        String browser = BROWSERS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Chromium is not installed: apt-get install chromium "
                        + "chromium-driver (.ci/run does)"));
        if (!Files.isExecutable(Path.of(DRIVER))) {
            throw new IllegalStateException("chromedriver is not installed: apt-get install chromium-driver (.ci/run"
                    + " does)");
        }
        downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1000,900",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
    }

    /** Waits until a condition on the page holds (not null nor false), and returns what it gave. */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50)).until(condition);
    }

    /** Waits until a file named {@code name} is completely downloaded, and returns it. */
    Path downloaded(String name) {
        return new FluentWait<>(downloads).withTimeout(PATIENCE).pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> "no download named " + name + " in " + list())
                .until(dir -> Optional.of(dir.resolve(name)).filter(Files::isRegularFile)
                        .filter(f -> !Files.exists(dir.resolve(name + ".crdownload"))).orElse(null));
    }

    private List<String> list() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
