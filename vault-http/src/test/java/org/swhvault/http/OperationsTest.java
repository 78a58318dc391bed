package org.swhvault.http;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics in Prometheus's text format, /healthz and /readyz, over a real socket. */
class OperationsTest extends OverTestRepo {
    private Served served;

    @BeforeEach
    void start() throws Exception {
        served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 1234)),
                new VaultListener() { }, b -> b.rateLimit(new RateLimit(3, Duration.ofMinutes(1))));
    }

    @AfterEach
    void stop() {
        served.close();
    }

    @Test
    void metricsCountRequestsCooksDurationsAndBytesInPrometheusText() throws Exception {
        String path = "/api/1/vault/flat/" + repo.tree + "/";
        assertThat(served.post(path).status()).isEqualTo(200);
        assertThat(served.awaitFinal(path).json().get("status").asText()).isEqualTo("done");
        served.get("/api/1/vault/flat/" + repo.tree + "/raw/");

        Served.Answer metrics = served.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        String text = metrics.text();
        assertThat(text).contains("vault_http_requests_total{method=\"POST\",route=\"cook\",status=\"200\"} 1.0")
                .contains("vault_cooks_total{bundle_type=\"flat\",outcome=\"done\"} 1.0")
                .contains("vault_bundle_bytes_total{bundle_type=\"flat\"} 1234.0")
                .contains("vault_cook_duration_seconds_bucket{bundle_type=\"flat\",outcome=\"done\",le=")
                .contains("vault_cook_duration_seconds_count{bundle_type=\"flat\",outcome=\"done\"} 1")
                .contains("vault_cooks_running 0.0")
                .contains("vault_cooks_waiting 0.0")
                .contains("jvm_memory_used_bytes");
        assertThat(served.send("BREW", "/healthz").status()).isEqualTo(405);
        text = served.get("/metrics").text();
        assertThat(text).as("a method a client invents is not a new series")
                .contains("vault_http_requests_total{method=\"other\",route=\"healthz\",status=\"405\"} 1.0")
                .doesNotContain("BREW");
        assertThat(text.lines().filter(l -> l.startsWith("vault_http_requests_total")))
                .as("a few route labels, never the paths clients send").allMatch(l -> l.matches(
                        "vault_http_requests_total\\{method=\"\\w+\",route=\"(cook|raw|metrics|healthz|readyz|other)\","
                                + "status=\"\\d+\"} \\d+\\.0"));
    }

    @Test
    void countersOfRareEventsAreThereAtZeroFromTheStart() throws Exception {
        String text = served.get("/metrics").text();
        assertThat(text).contains("vault_store_failures_total 0.0")
                .contains("vault_lease_takeovers_total{bundle_type=\"flat\"} 0.0")
                .contains("vault_lease_takeovers_total{bundle_type=\"gitfast\"} 0.0")
                .contains("vault_lease_takeovers_total{bundle_type=\"git-bare\"} 0.0");
    }

    @Test
    void healthAndReadinessAreAnsweredOutsideTheRateLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            Served.Answer health = served.get("/healthz");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text()).isEqualTo("ok\n");
        }
        Served.Answer ready = served.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text()).isEqualTo("ready\n");
        assertThat(served.send("POST", "/metrics").status()).isEqualTo(405);

        served.requests.close(); // the request store is gone
        Served.Answer notReady = served.get("/readyz");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.text()).startsWith("not ready: The request store (").doesNotContain("\tat ");
        assertThat(served.get("/healthz").status()).as("the process itself is up").isEqualTo(200);
    }
}
