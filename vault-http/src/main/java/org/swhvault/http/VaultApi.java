package org.swhvault.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.Vault;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

/**
 * Answers the public Vault API: routes the request, applies the rate limits, calls the {@link Vault}, maps
 * its errors to the reference's status codes and bodies, and logs one line per request. Thread-safe.
 */
final class VaultApi {
    private static final Logger LOG = LoggerFactory.getLogger(VaultApi.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("org.swhvault.http.access");

    private final Vault vault;
    private final Authenticator auth;
    private final Optional<WebPage> page;
    private final CookTimes cookTimes = new CookTimes();
    private final Optional<String> mirrorOf;
    private final Set<BundleType> served;
    private volatile String fallbackHost;
    private final Downloads downloads;
    private final PostForms forms;
    private final AtomicInteger active = new AtomicInteger();
    private final Operations operations;
    private volatile RpcApi rpc;

    VaultApi(Vault vault, Authenticator auth, Optional<WebPage> page, Optional<URI> mirrorOf,
            Set<BundleType> served, String fallbackHost, Duration downloadUrlValidity) {
        this.vault = vault;
        this.auth = auth;
        this.page = page;
        vault.addListener(cookTimes);
        this.mirrorOf = mirrorOf.map(u -> u.toString().replaceAll("/+$", ""));
        this.served = Set.copyOf(served);
        this.fallbackHost = fallbackHost;
        this.downloads = new Downloads(vault, downloadUrlValidity);
        this.forms = new PostForms();
        this.operations = new Operations(vault);
    }

    /** Answers one exchange; never throws. */
    void handle(Exchange exchange) {
        long start = System.nanoTime();
        Reply reply = new Reply(exchange);
        active.incrementAndGet();
        try {
            serve(exchange, reply);
        } catch (ApiError e) {
            answer(reply, e);
        } catch (VaultException e) {
            answer(reply, Errors.of(e));
        } catch (IOException e) {
            LOG.debug("{} {}: connection failed: {}", exchange.method(), exchange.rawPath(), e.toString());
            if (!reply.sent()) {
                answer(reply, ApiError.internal("Reading the request or the bundle failed: " + e.getMessage()));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("{} {} failed", exchange.method(), exchange.rawPath(), e);
            answer(reply, ApiError.internal("Internal server error (" + e.getClass().getSimpleName()
                    + "); the server log has the details."));
        } finally {
            active.decrementAndGet();
            operations.served(exchange.method(), exchange.rawPath(), reply.sent() ? reply.status() : 0);
            if (ACCESS.isInfoEnabled()) {
                // the name a token or a user goes by, never the credential itself
                ACCESS.info("{} {} {} {} {} {}{}", exchange.client().getHostAddress(), exchange.method(),
                        exchange.rawPath(), reply.sent() ? reply.status() : 0, reply.bytes(),
                        (System.nanoTime() - start) / 1_000_000, reply.user().map(u -> " user=" + u).orElse(""));
            }
        }
    }

    /** Sets the host[:port] used in URLs when a request's Host header is missing or implausible. */
    void fallbackHost(String host) {
        this.fallbackHost = host;
    }

    /** Serves the reference vault's RPC API too. */
    void enableRpc() {
        this.rpc = new RpcApi(vault);
    }

    /** Returns how many exchanges are being answered. */
    int active() {
        return active.get();
    }

    private void serve(Exchange exchange, Reply reply) throws IOException {
        String method = exchange.method();
        InetAddress client = exchange.client();
        String rawPath = exchange.rawPath();
        if (rawPath.startsWith(Routes.VAULT_PREFIX)) {
            // Django's never_cache, as the reference's vault views: on every answer, errors included.
            reply.headers().set("Cache-Control", Reply.NEVER_CACHE);
            reply.headers().set("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC)));
        }
        if (Operations.isOperations(rawPath)) {
            operations.answer(exchange, reply);
            return;
        }
        RpcApi rpcApi = rpc;
        if (rpcApi != null && RpcApi.PATHS.contains(rawPath)) {
            rpcApi.answer(exchange, reply);
            return;
        }
        if (page.isPresent() && page.get().serves(rawPath)) {
            page.get().answer(exchange, reply);
            return;
        }
        Caller caller = auth.identify(exchange.requestHeader("Authorization"), client);
        reply.user(caller.name());
        if (rawPath.equals(Routes.VAULT_PREFIX) || rawPath.equals(Routes.VAULT_PREFIX.substring(0,
                Routes.VAULT_PREFIX.length() - 1))) {
            describe(exchange, reply, caller);
            return;
        }
        if (caller.limiter().isPresent()) {
            throttle(caller.limiter().get(), caller.key(), reply);
        }
        String path = decodedPath(rawPath);
        Route route = Routes.parse(path, exchange.rawQuery());
        if (route instanceof Route.Unknown) {
            notServed(reply, exchange, "Unknown endpoint: " + path);
            return;
        }
        if (method.equals("OPTIONS")) {
            reply.headers().set("Allow", route.allow());
            reply.json(200, RouteDescriptions.of(route));
            return;
        }
        if (!route.allows(method)) {
            throw ApiError.methodNotAllowed(method, route.allow());
        }
        if (route instanceof Route.Redirect r) {
            reply.redirect(r.location());
        } else if (route instanceof Route.Cook c) {
            BundleKey key = requestedKey(exchange, c.type(), c.swhid());
            if (!served.contains(c.type())) {
                notServed(reply, exchange, key, "This server does not cook '" + c.type().apiName() + "' bundles.");
            } else if (method.equals("POST")) {
                if (caller.cookLimiter().isPresent()) {
                    throttle(caller.cookLimiter().get(), caller.key(), reply);
                }
                Optional<String> email = forms.email(exchange);
                status(exchange, reply, c, vault.cook(key, email));
            } else {
                vault.checkCookable(key); // 400 with the POST's sentence, not "never requested"
                Optional<BundleStatus> status = vault.status(key);
                if (status.isEmpty()) {
                    throw ApiError.notFound("Cooking of " + c.swhid() + " was never requested.");
                }
                status(exchange, reply, c, status.get());
            }
        } else if (route instanceof Route.Raw r) {
            BundleKey key = requestedKey(exchange, r.type(), r.swhid());
            if (!served.contains(r.type())) {
                notServed(reply, exchange, key, "This server does not serve '" + r.type().apiName() + "' bundles.");
            } else {
                vault.checkCookable(key);
                downloads.send(exchange, reply, key);
            }
        }
    }

    /**
     * The bundle a route names, compressed as the query's {@code compression} says: {@code gzip} (the default, what
     * the reference serves) or {@code zstd}, in any case.
     *
     * @throws ApiError 400 for an unknown compression
     * @throws VaultException {@link org.swhvault.spi.ErrorCode#UNSUPPORTED} (a 400) for zstd on git-bare bundles
     */
    private static BundleKey requestedKey(Exchange exchange, BundleType type, Swhid swhid) {
        Optional<String> name = FormFields.first(exchange.rawQuery(), "compression").filter(n -> !n.isEmpty());
        if (name.isEmpty()) {
            return new BundleKey(type, swhid);
        }
        BundleCompression compression = BundleCompression.fromName(name.get()).orElseThrow(() -> ApiError.badInput(
                "Unknown compression '" + name.get() + "'; expected gzip or zstd."));
        return new BundleKey(type, swhid, compression);
    }

    /**
     * Answers a request for a bundle's status with the reference's JSON, and the details a progress page shows
     * when the query asks for {@code details} ({@link StatusJson}).
     */
    private void status(Exchange exchange, Reply reply, Route.Cook route, BundleStatus status) throws IOException {
        Swhid swhid = status.swhid();
        String fetchUrl = scheme(exchange) + "://" + host(exchange) + Routes.rawPath(status.key());
        boolean details = FormFields.first(exchange.rawQuery(), "details")
                .filter(v -> !v.equals("0") && !v.equalsIgnoreCase("false")).isPresent();
        JsonBody json = StatusJson.of(route, status, fetchUrl, details ? Optional.of(vault) : Optional.empty(),
                cookTimes);
        reply.headers().set("Cache-Control", Reply.NEVER_CACHE);
        reply.json(200, json);
    }

    /** {@code GET /api/1/vault/}: what this server cooks, its limits for the caller, what it mirrors. */
    private void describe(Exchange exchange, Reply reply, Caller caller) throws IOException {
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw ApiError.methodNotAllowed(method, "GET, HEAD");
        }
        reply.headers().set("Cache-Control", Reply.NEVER_CACHE); // the limits left change with every request
        reply.json(200, ServerDescription.of(vault, served, caller, auth, mirrorOf));
    }

    private void notServed(Reply reply, Exchange exchange, String reason) throws IOException {
        notServed(reply, exchange, null, reason);
    }

    /**
     * Redirects to the mirrored archive, or answers 404. Never redirects a zstd bundle: the reference serves only
     * gzip, and would answer with the other bundle.
     */
    private void notServed(Reply reply, Exchange exchange, BundleKey key, String reason) throws IOException {
        if (mirrorOf.isPresent() && (key == null || key.compression() == BundleCompression.GZIP)) {
            String query = exchange.rawQuery();
            reply.redirect(mirrorOf.get() + exchange.rawPath() + (query == null ? "" : "?" + query));
        } else {
            throw ApiError.notFound(reason);
        }
    }

    /**
     * Takes a request from the client's budget and says what is left in {@code X-RateLimit-*} headers (as
     * swh-web does, and as clients such as Guix read them), on this answer whatever it is.
     */
    private static void throttle(RateLimiter limiter, Object client, Reply reply) {
        RateLimiter.Decision decision = limiter.take(client);
        reply.headers().set("X-RateLimit-Limit", Long.toString(decision.limit()));
        reply.headers().set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        reply.headers().set("X-RateLimit-Reset",
                Long.toString(System.currentTimeMillis() / 1000 + decision.resetSeconds()));
        if (!decision.allowed()) {
            throw ApiError.throttled(decision.retryAfterSeconds());
        }
    }

    private void answer(Reply reply, ApiError error) {
        if (reply.sent()) {
            return;
        }
        try {
            reply.error(error);
        } catch (IOException e) {
            LOG.debug("Could not send the error answer: {}", e.toString());
        }
    }

    /** The path with its percent-escapes decoded as UTF-8; a malformed escape is the client's error. */
    private static String decodedPath(String rawPath) {
        try {
            return new URI("http://h" + rawPath).getPath();
        } catch (URISyntaxException e) {
            throw ApiError.badInput("The request path is not a valid URI path (a malformed %-escape or a"
                    + " character such as a backslash that must be escaped).");
        }
    }

    private static String scheme(Exchange exchange) {
        String forwarded = exchange.requestHeader("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(forwarded) ? "https" : "http";
    }

    /** The Host header if it is a plausible host[:port], else the address the server listens on. */
    private String host(Exchange exchange) {
        String host = exchange.requestHeader("Host");
        if (host == null || host.isEmpty() || host.length() > 255) {
            return fallbackHost;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_')) {
                return fallbackHost;
            }
        }
        return host;
    }
}
