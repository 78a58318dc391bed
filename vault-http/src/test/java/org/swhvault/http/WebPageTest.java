package org.swhvault.http;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** The web page's files as HTTP serves them: from the jar, small, nothing from elsewhere, revalidated by ETag. */
class WebPageTest extends OverTestRepo {
    private static final List<String> FILES = List.of("/", "/static/vault.js", "/static/vault.css");

    private Served serve(java.util.function.Consumer<VaultHttpServer.Builder> options) throws Exception {
        return Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 1)),
                new VaultListener() { }, options);
    }

    @Test
    void thePageAndItsFilesComeFromTheJarAndNothingFromElsewhere() throws Exception {
        try (Served served = serve(b -> b.rateLimit(RateLimit.parse("1/h")))) {
            long total = 0;
            for (String path : FILES) {
                Served.Answer a = served.get(path);
                assertThat(a.status()).as(path).isEqualTo(200);
                assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(a.header("X-RateLimit-Limit")).as("the page's files are not rate-limited").isNull();
                assertThat(a.text()).as(path).doesNotContain("http://").doesNotContain("https://")
                        .doesNotContain("@import");
                total += a.body().length;
            }
            assertThat(total).as("the page's weight in bytes").isLessThan(40_000);
            Served.Answer page = served.get("/");
            assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'",
                    "connect-src 'self'");
            assertThat(page.text()).contains("<html lang=\"en\">", "name=\"viewport\"", "<label for=\"swhid\">",
                    "src=\"static/vault.js\"");
            assertThat(served.get("/static/vault.js").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
            assertThat(served.get("/static/vault.css").header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        }
    }

    @Test
    void aBrowserThatHasAFileRevalidatesIt() throws Exception {
        try (Served served = serve(b -> { })) {
            for (String path : FILES) {
                Served.Answer first = served.get(path);
                assertThat(first.header("Cache-Control")).isEqualTo("no-cache");
                String etag = first.header("ETag");
                Served.Answer again = served.get(path, "If-None-Match", etag);
                assertThat(again.status()).isEqualTo(304);
                assertThat(again.body()).isEmpty();
                Served.Answer head = served.send("HEAD", path);
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(first.body().length));
                assertThat(served.post(path).status()).isEqualTo(405);
            }
            assertThat(served.get("/static/other.js").status()).isEqualTo(404);
        }
    }

    @Test
    void aServerWithoutThePageAnswersAsBefore() throws Exception {
        try (Served served = serve(b -> b.webPage(false))) {
            Served.Answer a = served.get("/");
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.json().get("exception").asText()).isEqualTo("NotFoundExc");
        }
    }
}
