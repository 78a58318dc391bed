package org.swhvault.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a progress page reads besides the reference's status, asked for with {@code ?details=1} so that the
 * reference's answer stays as it is: the progress in numbers, the bundle's size, the cooking time; and the
 * server's description at {@code /api/1/vault/}.
 */
class StatusDetailsTest extends OverTestRepo {
    private static final List<String> REFERENCE = List.of("fetch_url", "progress_message", "id", "status", "swhid");
    private static final List<String> DETAILS = List.of("progress", "bundle_size", "cooking_time", "compression",
            "requested_at", "done_at");

    private static List<String> keys(JsonNode json) {
        return json.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void detailsFollowTheReferenceFieldsFromRequestToDone() throws Exception {
        TestCooker held = TestCooker.held(BundleType.FLAT, 1234);
        try (Served served = Served.over(repo, tmp.resolve("store"), List.of(held), new VaultListener() { }, b -> { })) {
            String path = "/api/1/vault/flat/" + repo.tree + "/";
            Instant before = Instant.now().minusSeconds(1);
            JsonNode posted = served.post(path + "?details=1").json();
            assertThat(keys(posted)).isEqualTo(concat(REFERENCE, DETAILS));
            assertThat(Instant.parse(posted.get("requested_at").asText())).isAfter(before);
            assertThat(posted.get("done_at").isNull()).isTrue();
            assertThat(posted.get("compression").asText()).isEqualTo("gzip");

            JsonNode pending = awaitProgress(served, path);
            assertThat(pending.get("status").asText()).isEqualTo("pending");
            assertThat(pending.get("progress").get("phase").asText()).isEqualTo("Waiting for the test");
            assertThat(pending.get("progress").get("done").asLong()).isZero();
            assertThat(pending.get("progress").get("total").asLong()).isEqualTo(1);
            assertThat(pending.get("bundle_size").isNull()).isTrue();
            assertThat(keys(served.get(path).json())).isEqualTo(REFERENCE);
            assertThat(keys(served.get(path + "?details=0").json())).isEqualTo(REFERENCE);

            held.release();
            served.awaitFinal(path);
            JsonNode done = served.get(path + "?details").json();
            assertThat(done.get("status").asText()).isEqualTo("done");
            assertThat(done.get("progress").isNull()).isTrue();
            assertThat(done.get("bundle_size").asLong()).isEqualTo(1234);
            assertThat(done.get("cooking_time").asDouble()).isBetween(0.0, 60.0);
            assertThat(Instant.parse(done.get("done_at").asText()))
                    .isAfterOrEqualTo(Instant.parse(done.get("requested_at").asText()));

            JsonNode legacy = served.get("/api/1/vault/directory/" + repo.tree.id() + "/?details=1").json();
            assertThat(keys(legacy)).isEqualTo(concat(concat(REFERENCE, List.of("obj_type", "obj_id")), DETAILS));
        }
    }

    /** Polls until the cook has reported its progress (a held cook reports it as soon as it starts). */
    private static JsonNode awaitProgress(Served served, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode json = served.get(path + "?details=1").json();
        while (json.get("progress").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            json = served.get(path + "?details=1").json();
        }
        return json;
    }

    @Test
    void aCookRunningElsewhereShowsTheCountsOfItsMessage() throws Exception {
        try (Served served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 1)),
                new VaultListener() { }, b -> { })) {
            BundleKey key = new BundleKey(BundleType.FLAT, repo.tree);
            Instant now = Instant.now();
            BundleStatus elsewhere = new BundleStatus(7, key, RequestState.PENDING,
                    Optional.of("Writing objects (40/100)"), now, Optional.empty(), now, false, 1, Optional.empty());
            JsonBody body = StatusJson.of(new Route.Cook(BundleType.FLAT, repo.tree, false), elsewhere, "http://h/raw/",
                    Optional.of(served.vault), new CookTimes());
            JsonNode json = new ObjectMapper().readTree(body.toByteArray());
            assertThat(json.get("progress").get("phase").asText()).isEqualTo("Writing objects");
            assertThat(json.get("progress").get("done").asLong()).isEqualTo(40);
            assertThat(json.get("progress").get("total").asLong()).isEqualTo(100);
            assertThat(json.get("cooking_time").isNull()).isTrue();
        }
    }

    @Test
    void theServerDescribesItsBundlesLimitsAndMirror() throws Exception {
        try (Served served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 1),
                TestCooker.of(BundleType.GIT_BARE, 1)), new VaultListener() { },
                b -> b.rateLimit(RateLimit.parse("60/min")).mirrorOf(URI.create("https://archive.example.org/")))) {
            for (String path : List.of("/api/1/vault/", "/api/1/vault")) {
                Served.Answer a = served.get(path);
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.header("Cache-Control")).isEqualTo(Reply.NEVER_CACHE);
                JsonNode json = a.json();
                assertThat(json.get("bundle_types")).hasSize(2);
                assertThat(json.get("bundle_types").get(0).get("type").asText()).isEqualTo("flat");
                assertThat(json.get("bundle_types").get(0).get("object_types").toString()).isEqualTo("[\"dir\",\"rev\"]");
                assertThat(json.get("bundle_types").get(0).get("max_bundle_size").asLong()).isEqualTo(1L << 30);
                assertThat(json.get("bundle_types").get(1).get("object_types").toString())
                        .isEqualTo("[\"dir\",\"rel\",\"rev\",\"snp\"]");
                assertThat(json.get("rate_limit").get("limit").asLong()).isEqualTo(60);
                assertThat(json.get("rate_limit").get("remaining").asLong()).isEqualTo(60);
                assertThat(json.get("cook_rate_limit").isNull()).isTrue();
                assertThat(json.get("mirror_of").asText()).isEqualTo("https://archive.example.org");
                assertThat(json.get("authentication").get("api_tokens").asBoolean()).isFalse();
            }
            assertThat(served.post("/api/1/vault/").status()).isEqualTo(405);
        }
    }
}
