package org.swhvault.examples.http;

import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.LoggerFactory;
import org.swhvault.core.Vault;
import org.swhvault.core.VaultBuilder;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.storage.fs.FsBundleStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vault serve}: the public Vault HTTP API over a git repository, until the process is stopped.
 * Bundles and the durable request journal live in the store directory. Logs one line per request.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serve the Software Heritage Vault HTTP API (/api/1/vault/…) over a git repository.",
                "Stop it with Ctrl-C (SIGINT) or SIGTERM."})
public final class ServeCommand implements Callable<Integer> {
    private static final String ACCESS_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.swhvault.examples.http";

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "GITDIR",
            description = "The git repository whose objects are cooked (a work tree or a bare repository).")
    Path repo;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Where bundles and requests are kept. Default: $XDG_CACHE_HOME/swhvault, "
                    + "else ~/.cache/swhvault.")
    Path store;

    @Option(names = "--port", paramLabel = "N", defaultValue = "5080",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--rate-limit", paramLabel = "N/PERIOD", converter = RateLimitConverter.class,
            description = "Requests allowed per client address, such as 60/min (periods: s, min, h, d); "
                    + "over it the answer is 429 with Retry-After. Default: no limit.")
    RateLimit rateLimit;

    @Option(names = "--cook-rate-limit", paramLabel = "N/PERIOD", converter = RateLimitConverter.class,
            description = "Cooking requests (POST) allowed per client address, such as 120/h. Default: no limit.")
    RateLimit cookRateLimit;

    @Option(names = "--mirror-of", paramLabel = "URL",
            description = "Mirror mode: redirect (302) what this server does not serve, such as other /api/1/ "
                    + "endpoints, to this main archive, e.g. https://archive.softwareheritage.org")
    URI mirrorOf;

    @Option(names = "--max-bundle-size", paramLabel = "SIZE", converter = ByteSize.class,
            description = "The largest bundle cooked, such as 512M or 1G (default: 1G).")
    Long maxBundleSize;

    @Option(names = "--max-concurrent-cooks", paramLabel = "N",
            description = "How many bundles cook at the same time (default: the number of processors).")
    Integer maxConcurrentCooks;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16",
            description = "How many requests are answered at the same time (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty(ACCESS_LOG_LEVEL) == null) {
            System.setProperty(ACCESS_LOG_LEVEL, "info"); // the request log; the library stays at its level
        }
        PrintWriter err = spec.commandLine().getErr();
        Path storeDir = store != null ? store : StoreDirectory.defaultFor(System.getenv(),
                System.getProperty("user.home"));
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind: unknown address '" + bind + "'");
        }
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            GitObjectSource source = push(open, GitObjectSource.open(repo));
            FsBundleStore bundles = push(open, FsBundleStore.open(storeDir));
            JournalRequestStore requests = push(open, JournalRequestStore.open(storeDir.resolve("requests")));
            Cookers cookers = Cookers.discover();
            NotificationLog notifications = new NotificationLog();
            VaultBuilder builder = Vault.builder().source(source).store(bundles).requestStore(requests)
                    .cookers(cookers).listener(notifications).shutdownGracePeriod(Duration.ofSeconds(5));
            if (maxConcurrentCooks != null) {
                builder.maxConcurrentCooks(maxConcurrentCooks);
            }
            if (maxBundleSize != null) {
                for (BundleType type : BundleType.values()) {
                    builder.maxBundleSize(type, maxBundleSize);
                }
            }
            Vault vault = push(open, builder.build());
            Set<BundleType> served = EnumSet.noneOf(BundleType.class);
            cookers.all().stream().map(Cooker::bundleType).forEach(served::add);
            VaultHttpServer.Builder server = VaultHttpServer.builder(vault).bind(address).port(port).threads(threads)
                    .servedTypes(served);
            if (rateLimit != null) {
                server.rateLimit(rateLimit);
            }
            if (cookRateLimit != null) {
                server.cookRateLimit(cookRateLimit);
            }
            if (mirrorOf != null) {
                server.mirrorOf(mirrorOf);
            }
            VaultHttpServer running;
            try {
                running = push(open, server.start());
            } catch (BindException e) {
                err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                closeAll(open);
                return 1;
            }
            notifications.apiUrl(running.uri() + "api/1");
            err.println("vault: serving " + running.uri() + "api/1/vault/ (repository " + repo + ", store " + storeDir
                    + ", bundle types " + served.stream().map(BundleType::apiName).toList() + startedIn() + ")");
            err.flush();
        } catch (RuntimeException | java.io.IOException e) {
            closeAll(open);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(open);
            stopped.countDown();
        }, "vault-serve-shutdown"));
        stopped.await();
        return 0;
    }

    /** ", started in N ms" since the process started, JVM start-up included, when the OS says when that was. */
    private static String startedIn() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> ", started in " + Duration.between(t, Instant.now()).toMillis() + " ms").orElse("");
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> open, T resource) {
        open.push(resource);
        return resource;
    }

    /** Closes in the reverse order of opening: server, vault, request store, bundle store, source. */
    private static void closeAll(Deque<AutoCloseable> open) {
        while (!open.isEmpty()) {
            AutoCloseable c = open.pop();
            try {
                c.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(ServeCommand.class).warn("Closing {} failed: {}", c, e.toString());
            }
        }
    }

    /** Picocli converter for {@link RateLimit}. */
    static final class RateLimitConverter implements CommandLine.ITypeConverter<RateLimit> {
        @Override
        public RateLimit convert(String value) {
            try {
                return RateLimit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
