package org.swhvault.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What swh-web's vault views do and clients rely on (Guix reads the rate-limit headers, browsers get pages,
 * wget takes the file name from HEAD): each a gap a new user met against the reference.
 */
class ReferenceParityTest extends OverTestRepo {
    private Served served;

    @BeforeEach
    void start() throws Exception {
        served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 10),
                TestCooker.of(BundleType.GITFAST, 10), TestCooker.of(BundleType.GIT_BARE, 10)),
                new VaultListener() { }, b -> b.rateLimit(new RateLimit(5, Duration.ofMinutes(1))));
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private static String path(BundleType type, Object swhid) {
        return "/api/1/vault/" + type.apiName() + "/" + swhid + "/";
    }

    @Test
    void everyAnswerOfARateLimitedRouteSaysTheLimitWhatIsLeftAndWhenItResets() {
        long before = System.currentTimeMillis() / 1000;
        Served.Answer first = served.post(path(BundleType.FLAT, repo.tree));
        Served.Answer error = served.get(path(BundleType.FLAT, repo.firstTree));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(Long.parseLong(first.header("X-RateLimit-Reset"))).isBetween(before, before + 61);
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.header("X-RateLimit-Remaining")).isEqualTo("3");
        for (int i = 0; i < 3; i++) {
            served.get(path(BundleType.FLAT, repo.tree));
        }
        Served.Answer throttled = served.get(path(BundleType.FLAT, repo.tree));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(throttled.header("Retry-After")).isNotNull();
    }

    @Test
    void aStatusOfARefusedPairIs400WithThePostsSentenceAndItsHint() {
        Served.Answer posted = served.post(path(BundleType.GITFAST, repo.tree));
        Served.Answer status = served.get(path(BundleType.GITFAST, repo.tree));
        Served.Answer raw = served.get(path(BundleType.GITFAST, repo.tree) + "raw/");

        String sentence = "Only revisions can be cooked as 'gitfast' bundles. Use `/api/1/vault/flat/` to cook"
                + " directories, as flat bundles.";
        for (Served.Answer a : List.of(posted, status, raw)) {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().get("reason").asText()).isEqualTo(sentence);
        }
        assertThat(served.get(path(BundleType.FLAT, repo.release)).json().get("reason").asText())
                .isEqualTo("Only directories and revisions can be cooked as 'flat' bundles.");
    }

    @Test
    void everyAnswerOfTheCookRoutesIsNeverCachedErrorsIncluded() {
        for (Served.Answer a : List.of(served.post(path(BundleType.FLAT, repo.tree)),
                served.get(path(BundleType.FLAT, repo.firstTree)), served.get(path(BundleType.FLAT, "swh:1:dir:zz")),
                served.get(path(BundleType.FLAT, repo.firstTree) + "raw/"))) {
            assertThat(a.header("Cache-Control")).as("%d", a.status())
                    .isEqualTo("max-age=0, no-cache, no-store, must-revalidate, private");
            assertThat(a.header("Expires")).as("%d", a.status()).endsWith(" GMT");
        }
    }

    @Test
    void aBrowserGetsAReadableHtmlPageOfTheSameJsonAndCurlGetsJson() {
        served.post(path(BundleType.FLAT, repo.tree));
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        Served.Answer page = served.get(path(BundleType.FLAT, repo.tree), "Accept", browser);
        Served.Answer error = served.get(path(BundleType.FLAT, repo.firstTree), "Accept", browser);
        Served.Answer json = served.get(path(BundleType.FLAT, repo.tree), "Accept", "*/*");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text()).startsWith("<!DOCTYPE html>").contains("&quot;status&quot;: &quot;")
                .contains(repo.tree.toString()).doesNotContain("<script");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.text()).contains("<h1>Error 404</h1>", "was never requested.");
        assertThat(json.header("Content-Type")).isEqualTo("application/json");
        assertThat(json.json().get("status").asText()).isNotEmpty();
    }

    @Test
    void htmlEscapesWhatItShows() {
        assertThat(HtmlPage.escape("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assertThat(new String(HtmlPage.of(404, "<t>", "{\"reason\":\"<script>\"}".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).doesNotContain("<script>").doesNotContain("<t>");
    }

    @Test
    void headOfADownloadCarriesItsFileName() throws Exception {
        served.post(path(BundleType.FLAT, repo.tree));
        assertThat(served.awaitFinal(path(BundleType.FLAT, repo.tree)).json().get("status").asText()).isEqualTo("done");
        Served.Answer head = served.send("HEAD", path(BundleType.FLAT, repo.tree) + "raw/");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Disposition")).isEqualTo("attachment; filename=\""
                + repo.tree.toString().replace(':', '_') + ".tar.gz\"");
        assertThat(head.body()).isEmpty();
    }
}
