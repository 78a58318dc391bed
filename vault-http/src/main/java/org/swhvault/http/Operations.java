package org.swhvault.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.swhvault.core.CookAttempt;
import org.swhvault.core.Vault;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;

/**
 * What operators ask of a running server: {@code GET /metrics} in Prometheus's text format (through Micrometer),
 * {@code GET /healthz} (the process answers) and {@code GET /readyz} (its request store and bundle store
 * answer). Counts HTTP requests by method, route and status, and hears the vault's cooks as a
 * {@link VaultListener}. Thread-safe.
 *
 * <p>Metrics: {@code vault_http_requests_total{method,route,status}}, {@code vault_cooks_total{bundle_type,outcome}}
 * (outcome: done, retried, failed, handed_back, abandoned, taken_over), {@code vault_cook_duration_seconds}
 * (a histogram, by bundle type and outcome), {@code vault_bundle_bytes_total{bundle_type}}, {@code
 * vault_cooks_running}, {@code vault_cooks_waiting}, {@code vault_store_failures_total} (attempts that failed on
 * a store) and {@code vault_lease_takeovers_total{bundle_type}}, plus the JVM's own.
 */
final class Operations implements VaultListener {
    static final String METRICS = "/metrics";
    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Vault vault;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Operations(Vault vault) {
        this.vault = vault;
        Gauge.builder("vault.cooks.running", vault, Vault::runningCooks)
                .description("Bundles cooking in this process").register(registry);
        Gauge.builder("vault.cooks.waiting", vault, Vault::waitingCooks)
                .description("Bundles queued in this process, not yet cooking").register(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        // counters of rare events exist from the start, at 0: a series that appears at 1 shows no increase, and an
        // alert on its rate would miss the first one
        storeFailures();
        for (BundleType type : BundleType.values()) {
            leaseTakeovers(type.apiName());
        }
        vault.addListener(this);
    }

    private Counter storeFailures() {
        return Counter.builder("vault.store.failures").description("Cooking attempts that failed on a store")
                .register(registry);
    }

    private Counter leaseTakeovers(String bundleType) {
        return Counter.builder("vault.lease.takeovers").description("Requests taken over from a worker that died")
                .tag("bundle_type", bundleType).register(registry);
    }

    /** Whether the path is one of the operators' routes, answered before any rate limit. */
    static boolean isOperations(String rawPath) {
        return rawPath.equals(METRICS) || rawPath.equals(HEALTH) || rawPath.equals(READY);
    }

    /** Answers {@code /metrics}, {@code /healthz} or {@code /readyz}. */
    void answer(Exchange exchange, Reply reply) throws IOException {
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw ApiError.methodNotAllowed(method, "GET, HEAD");
        }
        reply.headers().set("Cache-Control", Reply.NEVER_CACHE);
        switch (exchange.rawPath()) {
            case METRICS -> {
                byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
                reply.headers().set("Content-Type", PROMETHEUS_TEXT);
                reply.body(200, text, text.length);
            }
            case HEALTH -> plain(reply, 200, "ok\n");
            default -> {
                Optional<String> problem = vault.checkReady();
                plain(reply, problem.isEmpty() ? 200 : 503, problem.map(p -> "not ready: " + p + "\n").orElse("ready\n"));
            }
        }
    }

    private static void plain(Reply reply, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        reply.headers().set("Content-Type", "text/plain; charset=utf-8");
        reply.body(status, bytes, bytes.length);
    }

    /** Counts an answered request. */
    void served(String method, String rawPath, int status) {
        String m = METHODS.contains(method) ? method : "other";
        String route = route(rawPath);
        // once per request: look the counter up without building its id each time
        requestCounters.computeIfAbsent(m + ' ' + route + ' ' + status, k -> Counter.builder("vault.http.requests")
                .description("HTTP requests answered").tag("method", m).tag("route", route)
                .tag("status", Integer.toString(status)).register(registry)).increment();
    }

    /** The methods counted by name; any other a client sends is counted as {@code other}, not as a new series. */
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "OPTIONS", "PUT",
            "DELETE", "PATCH");
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> requestCounters =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A small set of route labels, so that clients cannot create series at will. */
    static String route(String rawPath) {
        if (isOperations(rawPath)) {
            return rawPath.substring(1);
        }
        if (RpcApi.PATHS.contains(rawPath)) {
            return "rpc";
        }
        if (!rawPath.startsWith(Routes.VAULT_PREFIX)) {
            return "other";
        }
        return rawPath.endsWith("/raw/") || rawPath.endsWith("/raw") ? "raw" : "cook";
    }

    @Override
    public void onAttemptEnded(CookAttempt attempt) {
        String type = attempt.key().type().apiName();
        String outcome = attempt.outcome().label();
        Counter.builder("vault.cooks").description("Cooking attempts, by how they ended")
                .tag("bundle_type", type).tag("outcome", outcome).register(registry).increment();
        if (attempt.outcome() == CookAttempt.Outcome.TAKEN_OVER) {
            leaseTakeovers(type).increment();
            return;
        }
        Timer.builder("vault.cook.duration").description("How long cooking attempts ran")
                .tag("bundle_type", type).tag("outcome", outcome).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(6)).register(registry).record(attempt.took());
        if (attempt.outcome() == CookAttempt.Outcome.DONE) {
            Counter.builder("vault.bundle.bytes").description("Bytes of the bundles cooked").baseUnit("bytes")
                    .tag("bundle_type", type).register(registry).increment(attempt.bytes());
        }
        if (attempt.failure().filter(c -> c == org.swhvault.spi.ErrorCode.STORE_FAILURE).isPresent()) {
            storeFailures().increment();
        }
    }
}
