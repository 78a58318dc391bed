package org.swhvault.examples.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.HttpServer;
import org.swhvault.core.Vault;
import org.swhvault.spi.cook.BundleType;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP server speaking the public Software Heritage Vault API over a {@link Vault}:
 * {@code /api/1/vault/{flat,gitfast,git-bare}/<swhid>/} (POST requests a bundle, GET and HEAD read its status),
 * {@code …/raw/} (the bundle, with {@code Range} support), and the legacy {@code /vault/directory/…} and
 * {@code /vault/revision/…/gitfast/} paths. It runs on the JDK's {@link HttpServer} with a bounded pool of
 * threads and keep-alive connections. It does not close the vault.
 */
public final class VaultHttpServer implements AutoCloseable {
    static {
        // Without it, a status answer on a kept-alive connection can wait for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final VaultApi api;
    private final ThreadPoolExecutor executor;
    private final URI uri;

    private VaultHttpServer(HttpServer server, VaultApi api, ThreadPoolExecutor executor, URI uri) {
        this.server = server;
        this.api = api;
        this.executor = executor;
        this.uri = uri;
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
        return server.getAddress();
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
        // HttpServer.stop(n) waits the whole n seconds unless an exchange ends meanwhile: waited above instead
        server.stop(0);
        executor.shutdownNow();
    }

    /** Configures and starts a {@link VaultHttpServer}. Not thread-safe. */
    public static final class Builder {
        private final Vault vault;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port = 5080;
        private int threads = 16;
        private RateLimit rateLimit;
        private RateLimit cookRateLimit;
        private URI mirrorOf;
        private Set<BundleType> served = EnumSet.allOf(BundleType.class);
        private Duration downloadUrlValidity = Duration.ofHours(24);
        private LongSupplier nanoTime = System::nanoTime;

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
         * Limits the requests of each client address; over the limit, the answer is 429 with
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
         * mode). The default is every type; pass the types the vault has cookers for.
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
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
            AtomicInteger n = new AtomicInteger();
            // Bounded: past the queue, the accepting thread runs the exchange itself, which slows accepting.
            ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(4096), r -> {
                        Thread t = new Thread(r, "vault-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            InetSocketAddress bound = server.getAddress();
            String host = hostText(bound.getAddress()) + ":" + bound.getPort();
            VaultApi api = new VaultApi(vault,
                    Optional.ofNullable(rateLimit).map(l -> new RateLimiter(l, nanoTime)),
                    Optional.ofNullable(cookRateLimit).map(l -> new RateLimiter(l, nanoTime)),
                    Optional.ofNullable(mirrorOf), served, host, downloadUrlValidity);
            server.createContext("/", api);
            server.setExecutor(executor);
            server.start();
            return new VaultHttpServer(server, api, executor, URI.create("http://" + host + "/"));
        }

        private static String hostText(InetAddress address) {
            String text = address.getHostAddress();
            return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
        }
    }
}
