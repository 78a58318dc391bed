package org.swhvault.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits, mirror mode, and what an unexpected failure looks like from outside. */
class LimitsAndMirrorTest extends OverTestRepo {
    private final AtomicLong now = new AtomicLong();

    private Served serve(java.util.function.Consumer<VaultHttpServer.Builder> options) throws Exception {
        return Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 10)),
                new VaultListener() { }, options.andThen(b -> b.nanoTime(now::get)));
    }

    @Test
    void overTheLimitTheAnswerIs429WithRetryAfter() throws Exception {
        try (Served served = serve(b -> b.rateLimit(RateLimit.parse("3/min")))) {
            String path = "/api/1/vault/flat/" + repo.tree + "/";
            assertThat(served.post(path).status()).isEqualTo(200);
            assertThat(served.get(path).status()).isEqualTo(200);
            assertThat(served.get("/api/1/vault/flat/swh:1:dir:bad/").status()).isEqualTo(400);
            Served.Answer refused = served.get(path);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("20");
            assertThat(refused.json().get("exception").asText()).isEqualTo("Throttled");
            assertThat(refused.json().get("reason").asText())
                    .isEqualTo("Request was throttled. Expected available in 20 seconds.");
            now.addAndGet(Duration.ofSeconds(20).toNanos());
            assertThat(served.get(path).status()).isEqualTo(200);
        }
    }

    @Test
    void theCookingLimitCountsOnlyPosts() throws Exception {
        try (Served served = serve(b -> b.cookRateLimit(RateLimit.parse("1/h")))) {
            String path = "/api/1/vault/flat/" + repo.tree + "/";
            assertThat(served.post(path).status()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                assertThat(served.get(path).status()).isEqualTo(200);
            }
            Served.Answer refused = served.post(path);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("3600");
        }
    }

    @Test
    void aMirrorRedirectsWhatItDoesNotServeToTheMainArchive() throws Exception {
        try (Served served = serve(b -> b.mirrorOf(URI.create("https://archive.example.org/"))
                .servedTypes(java.util.Set.of(BundleType.FLAT)))) {
            Served.Answer other = served.get("/api/1/origin/https://github.com/a/b/get/?x=1");
            assertThat(other.status()).isEqualTo(302);
            assertThat(other.header("Location"))
                    .isEqualTo("https://archive.example.org/api/1/origin/https://github.com/a/b/get/?x=1");
            Served.Answer gitfast = served.post("/api/1/vault/gitfast/" + repo.head + "/?email=a%40b.org");
            assertThat(gitfast.status()).isEqualTo(302);
            assertThat(gitfast.header("Location"))
                    .isEqualTo("https://archive.example.org/api/1/vault/gitfast/" + repo.head + "/?email=a%40b.org");
            assertThat(served.post("/api/1/vault/flat/" + repo.tree + "/").status()).isEqualTo(200);
        }
    }

    @Test
    void withoutMirrorUnservedThingsAreNotFound() throws Exception {
        try (Served served = serve(b -> b.servedTypes(java.util.Set.of(BundleType.FLAT)))) {
            Served.Answer other = served.get("/api/1/origin/x/get/");
            assertThat(other.status()).isEqualTo(404);
            assertThat(other.json().get("reason").asText()).isEqualTo("Unknown endpoint: /api/1/origin/x/get/");
            Served.Answer gitfast = served.get("/api/1/vault/gitfast/" + repo.head + "/raw/");
            assertThat(gitfast.status()).isEqualTo(404);
            assertThat(gitfast.json().get("reason").asText()).isEqualTo("This server does not serve 'gitfast' bundles.");
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithOneLineAndNoStackTrace() throws Exception {
        try (Served served = new Served(new FailingSource(), tmp.resolve("store"),
                Cookers.of(List.of(TestCooker.of(BundleType.FLAT, 10))), new VaultListener() { }, b -> { })) {
            Served.Answer a = served.post("/api/1/vault/flat/" + repo.tree + "/");
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.json().get("exception").asText()).isEqualTo("InternalServerError");
            String reason = a.json().get("reason").asText();
            assertThat(reason).doesNotContain("\n").doesNotContain("at org.").doesNotContain("bug in the object source");
            assertThat(a.json().size()).isEqualTo(2);
            assertThat(served.get("/api/1/vault/flat/" + repo.tree + "/").status())
                    .as("the server keeps serving").isEqualTo(404);
        }
    }
}
