package org.swhvault.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.swhvault.core.OpenBundle;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real browser (Debian's headless Chromium through Selenium), against a real server whose
 * real cookers first go through steps the test lets through: a person requests bundles, watches them cook,
 * downloads them, cooks a failed one again, and finds the list after a reload. Every wait is explicit.
 */
@Tag("browser")
class WebPageBrowserTest extends OverTestRepo {
    private static final int STEPS = 3;
    @TempDir
    static java.nio.file.Path browserDir;
    private static HeadlessChromium chromium;

    private Map<BundleType, SteppedCooker> cookers;
    private Served served;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new HeadlessChromium(browserDir);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void start() throws IOException {
        cookers = new java.util.EnumMap<>(BundleType.class);
        for (Cooker real : Cookers.discover().all()) {
            cookers.put(real.bundleType(), new SteppedCooker(real, STEPS));
        }
        served = Served.over(repo, tmp.resolve("store"), List.copyOf(cookers.values()), new VaultListener() { },
                b -> b.rateLimit(RateLimit.parse("6000/min")).mirrorOf(java.net.URI.create(
                        "https://archive.softwareheritage.org")));
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(chromium.downloads)) {
            for (java.nio.file.Path file : files.toList()) {
                Files.delete(file);
            }
        }
        open();
        chromium.driver.executeScript("localStorage.clear()");
        open();
    }

    @AfterEach
    void stop() {
        cookers.values().forEach(c -> {
            for (int i = 0; i < 100; i++) {
                c.step(); // nothing left waiting when the vault closes
            }
        });
        served.close();
    }

    /** Opens the page, polling every 200 ms, and waits until it has read what the server offers. */
    private void open() {
        chromium.driver.get(served.uri + "?poll=200");
        chromium.until(d -> d.findElement(By.id("server")).getText().contains("flat"));
    }

    private WebElement item(BundleType type, Swhid swhid) {
        return chromium.until(d -> d.findElements(By.cssSelector("li[data-type='" + type.apiName() + "'][data-swhid='"
                + swhid + "']")).stream().findFirst().orElse(null));
    }

    private String statusOf(BundleType type, Swhid swhid) {
        return item(type, swhid).getAttribute("data-status");
    }

    private void awaitStatus(BundleType type, Swhid swhid, String status) {
        chromium.until(d -> status.equals(statusOf(type, swhid)));
    }

    /** Pastes a SWHID and submits with the keyboard. */
    private void request(String text) {
        WebElement input = chromium.driver.findElement(By.id("swhid"));
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** Lets the cook through its steps one at a time, checking that the bar shows each before the next. */
    private void watchProgress(BundleType type, Swhid swhid) {
        SteppedCooker cooker = cookers.get(type);
        for (int step = 0; step < STEPS; step++) {
            String value = Integer.toString(step);
            // an indeterminate bar also reads as value 0: its text says whether it shows counts
            chromium.until(d -> {
                WebElement bar = item(type, swhid).findElement(By.tagName("progress"));
                return bar.isDisplayed() && value.equals(bar.getAttribute("value"))
                        && Integer.toString(STEPS).equals(bar.getAttribute("max"))
                        && (value + " of " + STEPS).equals(bar.getAttribute("aria-valuetext"));
            });
            assertThat(item(type, swhid).findElement(By.className("message")).getText())
                    .isEqualTo("Preparing (" + step + " of " + STEPS + ")");
            cooker.step();
        }
        awaitStatus(type, swhid, "done");
    }

    private byte[] stored(BundleType type, Swhid swhid) throws IOException {
        try (OpenBundle bundle = served.vault.open(type, swhid); InputStream in = bundle.stream()) {
            return in.readAllBytes();
        }
    }

    /** Clicks the download link and checks the file the browser saved is the bundle the vault stored. */
    private void download(BundleType type, Swhid swhid) throws IOException {
        WebElement link = item(type, swhid).findElement(By.className("download"));
        assertThat(link.isDisplayed()).isTrue();
        assertThat(link.getText()).startsWith("Download (");
        link.click();
        byte[] file = Files.readAllBytes(chromium.downloaded(new BundleKey(type, swhid).fileName()));
        assertThat(file).isEqualTo(stored(type, swhid));
    }

    @Test
    void requestsAFlatAndAGitBareBundleWatchesThemCookAndDownloadsThem() throws IOException {
        request(repo.tree + ";origin=https://example.org/repo.git;path=/");
        assertThat(chromium.driver.findElement(By.id("swhid")).getAttribute("value")).isEqualTo(repo.tree.toString());
        watchProgress(BundleType.FLAT, repo.tree);
        WebElement flat = item(BundleType.FLAT, repo.tree);
        assertThat(flat.findElement(By.className("state")).getText()).isEqualTo("Ready");
        assertThat(flat.findElement(By.className("facts")).getText()).contains("cooked in");
        download(BundleType.FLAT, repo.tree);

        request(repo.head.toString()); // a revision: git-bare is what the page picks
        assertThat(chromium.driver.findElement(By.id("type-git-bare")).isSelected()).isTrue();
        watchProgress(BundleType.GIT_BARE, repo.head);
        download(BundleType.GIT_BARE, repo.head);
        List<WebElement> items = chromium.driver.findElements(By.cssSelector("#requests > li"));
        assertThat(items).extracting(e -> e.getAttribute("data-type")).containsExactly("git-bare", "flat");
    }

    @Test
    void aZstdBundleIsRequestedFollowedAndDownloadedApartFromTheGzipOne() throws IOException {
        request(repo.tree.toString());
        watchSteps(BundleType.FLAT);
        awaitStatus(BundleType.FLAT, repo.tree, "done");

        WebElement input = chromium.driver.findElement(By.id("swhid"));
        WebElement zstdChoice = chromium.driver.findElement(By.id("compression-zstd"));
        assertThat(zstdChoice.isEnabled()).isTrue();
        zstdChoice.click();
        input.sendKeys(Keys.ENTER);
        By zstdItem = By.cssSelector("li[data-type='flat'][data-compression='zstd'][data-swhid='" + repo.tree + "']");
        WebElement zstd = chromium.until(d -> d.findElements(zstdItem).stream().findFirst().orElse(null));
        assertThat(zstd.findElement(By.tagName("h3")).getText()).isEqualTo("flat (zstd) bundle of " + repo.tree);
        watchSteps(BundleType.FLAT);
        chromium.until(d -> "done".equals(d.findElement(zstdItem).getAttribute("data-status")));
        assertThat(chromium.driver.findElements(By.cssSelector("#requests > li"))).hasSize(2);

        chromium.driver.findElement(zstdItem).findElement(By.className("download")).click();
        BundleKey key = new BundleKey(BundleType.FLAT, repo.tree, BundleCompression.ZSTD);
        byte[] file = Files.readAllBytes(chromium.downloaded(key.fileName()));
        try (OpenBundle bundle = served.vault.open(key, 0, Long.MAX_VALUE); InputStream in = bundle.stream()) {
            assertThat(file).isEqualTo(in.readAllBytes()).startsWith(0x28, 0xb5, 0x2f, 0xfd);
        }

        input.clear();
        input.sendKeys(repo.release.toString()); // git-bare only: zstd is not offered, gzip is picked again
        assertThat(zstdChoice.isEnabled()).isFalse();
        assertThat(chromium.driver.findElement(By.id("compression-gzip")).isSelected()).isTrue();
        assertThat(chromium.driver.findElement(By.cssSelector("label[for='compression-zstd']")).getText())
                .contains("(not for git-bare bundles");
    }

    @Test
    void aFailedCookShowsItsSentenceAndCookingAgainWorks() throws IOException {
        cookers.get(BundleType.FLAT).failNext();
        request(repo.firstTree.toString());
        watchSteps(BundleType.FLAT);
        awaitStatus(BundleType.FLAT, repo.firstTree, "failed");
        String sentence = served.get("/api/1/vault/flat/" + repo.firstTree + "/").json().get("progress_message")
                .asText();
        WebElement failed = item(BundleType.FLAT, repo.firstTree);
        assertThat(failed.findElement(By.className("message")).getText()).isEqualTo(sentence).isNotBlank();
        assertThat(failed.findElement(By.className("download")).isDisplayed()).isFalse();

        failed.findElement(By.className("again")).click();
        watchProgress(BundleType.FLAT, repo.firstTree);
        download(BundleType.FLAT, repo.firstTree);
    }

    /** Lets every step of the next cook through without watching. */
    private void watchSteps(BundleType type) {
        for (int i = 0; i < STEPS; i++) {
            cookers.get(type).step();
        }
    }

    @Test
    void aReloadKeepsTheListAndItsStates() {
        request(repo.tree.toString());
        watchSteps(BundleType.FLAT);
        awaitStatus(BundleType.FLAT, repo.tree, "done");
        request(repo.release.toString());
        awaitStatus(BundleType.GIT_BARE, repo.release, "pending");

        open();
        assertThat(chromium.driver.findElements(By.cssSelector("#requests > li")))
                .extracting(e -> e.getAttribute("data-swhid")).containsExactly(repo.release.toString(),
                        repo.tree.toString());
        awaitStatus(BundleType.FLAT, repo.tree, "done");
        assertThat(item(BundleType.FLAT, repo.tree).findElement(By.className("download")).isDisplayed()).isTrue();
        watchSteps(BundleType.GIT_BARE);
        awaitStatus(BundleType.GIT_BARE, repo.release, "done"); // still followed after the reload

        item(BundleType.FLAT, repo.tree).findElement(By.className("remove")).click();
        open();
        assertThat(chromium.driver.findElements(By.cssSelector("#requests > li"))).hasSize(1);
    }

    private String errorShown() {
        return chromium.until(d -> {
            String text = d.findElement(By.id("swhid-error")).getText();
            return text.isEmpty() ? null : text;
        });
    }

    @Test
    void onlyTheBundleTypesTheObjectAllowsCanBePickedAndEveryControlHasALabel() {
        WebElement input = chromium.driver.findElement(By.id("swhid"));
        input.sendKeys(repo.release.toString());
        assertThat(chromium.driver.findElement(By.id("type-flat")).isEnabled()).isFalse();
        assertThat(chromium.driver.findElement(By.id("type-gitfast")).isEnabled()).isFalse();
        assertThat(chromium.driver.findElement(By.id("type-git-bare")).isSelected()).isTrue();
        assertThat(chromium.driver.findElement(By.cssSelector("label[for='type-flat']")).getText())
                .contains("(not for releases)");
        input.clear();
        input.sendKeys(repo.blob.toString(), Keys.ENTER);
        assertThat(errorShown()).startsWith("A content needs no cooking");
        input.clear();
        input.sendKeys("swh:1:dir:nope", Keys.ENTER);
        assertThat(errorShown()).startsWith("This is not a SWHID");

        Object unlabelled = chromium.driver.executeScript("return [...document.querySelectorAll('input, button')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.textContent.trim()).length");
        assertThat(unlabelled).isEqualTo(0L);
        assertThat(chromium.driver.findElement(By.id("mirror")).getText())
                .contains("mirror of https://archive.softwareheritage.org");
        assertThat(chromium.driver.findElement(By.id("server")).getText()).contains("6000 requests a minute")
                .contains("up to 1.0 GiB");
    }
}
