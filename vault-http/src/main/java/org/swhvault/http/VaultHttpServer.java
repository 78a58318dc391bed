package org.swhvault.http;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.swhvault.core.Vault;
import org.swhvault.spi.cook.BundleType;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP server speaking the public Software Heritage Vault API over a {@link Vault}:
 * {@code /api/1/vault/{flat,gitfast,git-bare}/<swhid>/} (POST requests a bundle, GET and HEAD read its status),
 * {@code …/raw/} (the bundle, with {@code Range} support), and the legacy {@code /vault/directory/…} and
 * {@code /vault/revision/…/gitfast/} paths. It runs on Jetty: requests are parsed without holding a thread
 * (idle or slow clients cannot starve the others), a connection idle for {@link Builder#idleTimeout} is closed,
 * a request line or headers over 16 KiB are refused (414, 431) and every refusal is the reference's JSON error.
 * It does not close the vault.
 *
 * <pre>{@code
 * try (VaultHttpServer server = VaultHttpServer.builder(vault).port(5080).start()) {
 *     System.err.println("serving " + server.uri());
 * }
 * }</pre>
 */
public final class VaultHttpServer implements AutoCloseable {
    /** The largest request line plus headers accepted. */
    static final int MAX_REQUEST_HEAD = 16 * 1024;

    private final Server server;
    private final VaultApi api;
    private final URI uri;
    private final InetSocketAddress address;

    private VaultHttpServer(Server server, VaultApi api, URI uri, InetSocketAddress address) {
        this.server = server;
        this.api = api;
        this.uri = uri;
        this.address = address;
    }

    /**
     * Returns a builder for a server over a vault.
     *
     * @param vault the vault to serve
     * @return a new builder
     */
    public static Builder builder(Vault vault) {
        return new Builder(vault);
    }

    /** Returns the server's root URL, such as {@code http://127.0.0.1:5080/}, with the port actually bound. */
    public URI uri() {
        return uri;
    }

    /** Returns the address the server listens on. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Lets exchanges in progress finish for up to a second, then closes every connection and stops the
     * threads. Blocks for that long at most. Does not close the vault.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (api.active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(VaultHttpServer.class).warn("Stopping the HTTP server failed: {}",
                    e.toString());
        }
    }

    /** Configures and starts a {@link VaultHttpServer}. Not thread-safe. */
    public static final class Builder {
        private final Vault vault;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port = 5080;
        private int threads = 16;
        private RateLimit rateLimit;
        private RateLimit cookRateLimit;
        private ApiTokens tokens;
        private Authenticator.OidcUsers oidc;
        private boolean webPage = true;
        private URI mirrorOf;
        private boolean rpc;
        private Set<BundleType> served;
        private Duration downloadUrlValidity = Duration.ofHours(24);
        private LongSupplier nanoTime = System::nanoTime;
        private Duration idleTimeout = Duration.ofSeconds(30);

        private Builder(Vault vault) {
            this.vault = requireNonNull(vault, "vault is null");
        }

        /**
         * Sets the address to listen on. The default is the loopback address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder bind(InetAddress address) {
            this.bind = requireNonNull(address, "address is null");
            return this;
        }

        /**
         * Sets the port. The default is 5080; 0 picks a free one (see {@link VaultHttpServer#uri()}).
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets how many requests are served at the same time; more wait in a bounded queue. The default is 16.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Limits the requests of each client address (without a credential); over the limit, the answer is 429 with
         * {@code Retry-After}. The default is no limit.
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder rateLimit(RateLimit limit) {
            this.rateLimit = requireNonNull(limit, "limit is null");
            return this;
        }

        /**
         * Limits the cooking requests (POST) of each client address, on top of {@link #rateLimit}. The
         * default is no limit.
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder cookRateLimit(RateLimit limit) {
            this.cookRateLimit = requireNonNull(limit, "limit is null");
            return this;
        }

        /**
         * Accepts API tokens: a request with {@code Authorization: Bearer TOKEN} is limited by its token's limits
         * ({@link ApiTokens.Token#rateLimit()}, {@link ApiTokens.Token#cookRateLimit()}), counted per token
         * instead of per address; a token that is not one of these is answered 401. Without tokens (the default)
         * every bearer token is answered 401, unless it is a JWT of the {@link #oidcIssuer OpenID Connect issuer}.
         *
         * @param tokens the tokens
         * @return this builder
         */
        public Builder tokens(ApiTokens tokens) {
            this.tokens = requireNonNull(tokens, "tokens is null");
            return this;
        }

        /**
         * Accepts bearer tokens that are JWTs signed by an OpenID Connect issuer's keys (its discovery document,
         * {@code ISSUER/.well-known/openid-configuration}, names them; read when the first JWT comes), whose
         * {@code iss} is the issuer and which have not expired. Each user (the JWT's subject) gets the limits
         * given, counted per user; an invalid JWT is answered 401, and 503 while the issuer cannot be reached.
         *
         * @param issuer the issuer, exactly as its tokens name it, such as
         *     {@code https://auth.softwareheritage.org/auth/realms/SoftwareHeritage}
         * @param rateLimit the limit of each user's requests, or empty for none
         * @param cookRateLimit the limit of each user's cooking requests, or empty for none
         * @return this builder
         */
        public Builder oidcIssuer(URI issuer, Optional<RateLimit> rateLimit, Optional<RateLimit> cookRateLimit) {
            requireNonNull(issuer, "issuer is null");
            if (!issuer.isAbsolute() || issuer.getHost() == null
                    || !(issuer.getScheme().equals("https") || issuer.getScheme().equals("http"))) {
                throw new IllegalArgumentException("the OpenID Connect issuer must be an http(s) URL, got " + issuer);
            }
            this.oidc = new Authenticator.OidcUsers(issuer, requireNonNull(rateLimit, "rateLimit is null"),
                    requireNonNull(cookRateLimit, "cookRateLimit is null"));
            return this;
        }

        /**
         * Serves the web page at {@code /} (request a bundle, follow its cooking, download it), or not. On by
         * default. Its files come from this jar; nothing is loaded from elsewhere.
         *
         * @param enabled whether to serve it
         * @return this builder
         */
        public Builder webPage(boolean enabled) {
            this.webPage = enabled;
            return this;
        }

        /**
         * Also serves the reference vault's RPC API ({@code POST /cook}, {@code /progress}, {@code /fetch},
         * {@code /download_url}, {@code /batch_cook}, {@code /batch_progress}, in swh-core's RPC protocol), so
         * that a front end such as swh-web configured with {@code vault: cls: remote, url: …} uses this server.
         * Off by default: the RPC API is for trusted front ends, not the public.
         *
         * @param enabled whether to serve it
         * @return this builder
         */
        public Builder rpc(boolean enabled) {
            this.rpc = enabled;
            return this;
        }

        /**
         * Makes this server a mirror of a main archive: requests it does not serve (other API endpoints,
         * bundle types it does not cook) are redirected there with 302 rather than answered 404.
         *
         * @param mainArchive the main archive's root URL, such as {@code https://archive.softwareheritage.org}
         * @return this builder
         */
        public Builder mirrorOf(URI mainArchive) {
            requireNonNull(mainArchive, "mainArchive is null");
            if (!mainArchive.isAbsolute() || mainArchive.getHost() == null) {
                throw new IllegalArgumentException("the main archive must be an absolute http(s) URL, got "
                        + mainArchive);
            }
            this.mirrorOf = mainArchive;
            return this;
        }

        /**
         * Sets the bundle types this server serves; requests for others get 404 (or a redirect in mirror
         * mode). The default is the types the vault cooks ({@link Vault#bundleTypes()}).
         *
         * @param types the types
         * @return this builder
         */
        public Builder servedTypes(Set<BundleType> types) {
            this.served = Set.copyOf(types);
            return this;
        }

        /**
         * Sets how long the signed download URLs a store may give stay valid. The default is 24 hours, as
         * the reference's.
         *
         * @param validity a positive duration
         * @return this builder
         */
        public Builder downloadUrlValidity(Duration validity) {
            this.downloadUrlValidity = requireNonNull(validity, "validity is null");
            return this;
        }

        /**
         * Sets how long a connection may stay silent, waiting for a request or in the middle of one (a body
         * shorter than its {@code Content-Length} is answered 400 then), before it is closed. The default is
         * 30 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            requireNonNull(timeout, "timeout is null");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
            return this;
        }

        /**
         * Binds the port and starts serving. Returns at once.
         *
         * @return the running server, which the caller closes
         * @throws IOException if the address cannot be bound
         */
        public VaultHttpServer start() throws IOException {
            QueuedThreadPool pool = new QueuedThreadPool(threads + 4, Math.min(4, threads + 4));
            pool.setName("vault-http");
            pool.setDaemon(true);
            Server server = new Server(pool);
            HttpConfiguration config = new HttpConfiguration();
            config.setRequestHeaderSize(MAX_REQUEST_HEAD);
            config.setSendServerVersion(false);
            // SWHID qualifiers hold URLs ("//", "%2F"): the API decodes and checks paths itself (400 on bad ones).
            config.setUriCompliance(UriCompliance.UNSAFE);
            ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
            connector.setHost(bind.getHostAddress());
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            connector.setAcceptQueueSize(1024);
            server.addConnector(connector);
            server.setErrorHandler(new JsonErrorHandler());
            // The host answers fall back on is known once the port is bound; set just after.
            Authenticator auth = new Authenticator(Optional.ofNullable(rateLimit), Optional.ofNullable(cookRateLimit),
                    Optional.ofNullable(tokens), Optional.ofNullable(oidc), nanoTime);
            VaultApi api = new VaultApi(vault, auth, webPage ? Optional.of(new WebPage()) : Optional.empty(),
                    Optional.ofNullable(mirrorOf), served != null ? served : vault.bundleTypes(),
                    hostText(bind) + ":" + port, downloadUrlValidity);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    JettyExchange exchange = new JettyExchange(request, response);
                    api.handle(exchange);
                    try {
                        exchange.finish();
                        callback.succeeded();
                    } catch (IOException e) {
                        callback.failed(e);
                    }
                    return true;
                }
            });
            try {
                server.start();
            } catch (IOException e) {
                stopQuietly(server);
                throw e.getCause() instanceof BindException bind ? bind : e;
            } catch (Exception e) {
                stopQuietly(server);
                throw new IOException("the HTTP server did not start: " + e.getMessage(), e);
            }
            InetSocketAddress bound = new InetSocketAddress(bind, connector.getLocalPort());
            String host = hostText(bound.getAddress()) + ":" + bound.getPort();
            api.fallbackHost(host);
            if (rpc) {
                api.enableRpc();
            }
            return new VaultHttpServer(server, api, URI.create("http://" + host + "/"), bound);
        }

        private static void stopQuietly(Server server) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
        }

        private static String hostText(InetAddress address) {
            String text = address.getHostAddress();
            return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
        }
    }
}
