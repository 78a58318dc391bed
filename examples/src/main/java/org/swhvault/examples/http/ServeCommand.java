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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.slf4j.LoggerFactory;
import org.swhvault.core.ExpiryPolicy;
import org.swhvault.core.Vault;
import org.swhvault.core.VaultBuilder;
import org.swhvault.core.cook.Cookers;
import org.swhvault.examples.cli.ArchiveOptions;
import org.swhvault.examples.cli.Failure;
import org.swhvault.examples.cli.OptionTypes;
import org.swhvault.http.RateLimit;
import org.swhvault.http.VaultHttpServer;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RequestStoreProvider;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleStoreProvider;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vault serve}: the public Vault HTTP API over a git repository, until the process is stopped.
 * Bundles live in a store directory or an S3 bucket; the durable request journal in a local directory.
 * Logs one line per request.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serve the Software Heritage Vault HTTP API (/api/1/vault/…) over a git repository (--repo) or a"
                + " Software Heritage archive (--storage).",
                "Stop it with Ctrl-C (SIGINT) or SIGTERM."},
        footerHeading = "%nS3 store:%n",
        footer = {"--store s3://BUCKET[/PREFIX][?PARAM=VALUE&…] keeps bundles in a bucket of Amazon S3 or of "
                + "an S3-compatible server; downloads (/raw/) are answered with a 302 to a pre-signed URL.",
                "Parameters:",
                "  endpoint=URL       the server, such as http://127.0.0.1:9000 (default: AWS)",
                "  region=R           the signing region (default: us-east-1)",
                "  pathStyle=true     path-style URLs, which most S3-compatible servers need",
                "  createBucket=true  create the bucket if it is missing",
                "  partSize=16MiB     the multipart upload part size, 5MiB to 1GiB (default)",
                "  urlValidity=PT1H   a shorter validity of download URLs (default: 24 hours)",
                "Credentials are never taken from the command line, where other users can see them. They come "
                        + "from the AWS SDK's default chain: the environment (AWS_ACCESS_KEY_ID, "
                        + "AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), else the AWS profile files (AWS_PROFILE), "
                        + "else a container or instance role.",
                "Example:",
                "  export AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=…",
                "  vault serve --repo . \\",
                "    --store 's3://vault/bundles?endpoint=http://127.0.0.1:9000&pathStyle=true'"})
public final class ServeCommand implements Callable<Integer> {
    private static final String ACCESS_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.swhvault.http.access";
    private static final String COOKS_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.swhvault.cooks";
    private static final String EXPIRY_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.swhvault.core.Expirer";

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    ArchiveOptions archive;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET…|NAME[:K=V,…]",
            description = "Where bundles are kept: a directory (with the requests in its requests/), an S3 "
                    + "bucket, s3://BUCKET[/PREFIX][?PARAM=VALUE&…] (see below), or a bundle store plug-in by name "
                    + "with its settings, such as fs:path=/srv/bundles or s3:bucket=b,pathStyle=true. Default: "
                    + "$XDG_CACHE_HOME/swhvault, else $HOME/.cache/swhvault.")
    String store;

    @Option(names = "--state", paramLabel = "DIR|postgresql://…|NAME[:K=V,…]",
            description = "Where requests are recorded: the directory of a durable journal; a PostgreSQL database, "
                    + "postgresql://USER@HOST:PORT/DATABASE[?sslmode=verify-full&sslrootcert=FILE&…] (password "
                    + "from PGPASSWORD or ~/.pgpass; libpq's parameters sslmode, sslrootcert, sslcert, sslkey, "
                    + "connect_timeout, application_name, options, target_session_attrs, keepalives, and PGSSLMODE…), "
                    + "which several "
                    + "vault serve processes share (give them one shared --store); or a request store plug-in by "
                    + "name with its settings: journal:path=DIR, or memory (forgotten on exit). A directory that "
                    + "has a plug-in's name is written ./NAME. Default: requests/ in the store directory, or with "
                    + "another store in the default store directory (see --store).")
    String state;

    @Option(names = "--rpc",
            description = "Also serve the reference vault's RPC API (POST /cook, /progress, /fetch, /download_url, "
                    + "/batch_cook, /batch_progress; swh-core's protocol, msgpack or JSON), for a front end such as "
                    + "swh-web configured with vault: {cls: remote, url: http://HOST:PORT/}. Keep it off the public "
                    + "internet.")
    boolean rpc;

    @Option(names = "--lease-duration", paramLabel = "DURATION", converter = OptionTypes.PositiveDuration.class,
            description = "How long a cook's claim lasts without renewal (renewed every third of it): when a process "
                    + "dies, another one sharing its --state takes its cooks over after this (default: 1m).")
    Duration leaseDuration;

    @Option(names = "--availability-horizon", paramLabel = "DURATION",
            converter = OptionTypes.NonNegativeDuration.class,
            description = "On a mirror, how long a cook keeps waiting (with doubling back-off) for objects the "
                    + "requested one references that have not been replicated yet (contents' bytes included), "
                    + "before it fails; the last attempt writes the reference's placeholder text for a content "
                    + "still missing, 0 does so at once (default: 24h).")
    Duration availabilityHorizon;

    @Option(names = "--expire-after", paramLabel = "DURATION", converter = OptionTypes.PositiveDuration.class,
            description = "Evict a bundle from the store this long after it was cooked, such as 7d; asked again, "
                    + "it is cooked again. Default: bundles are kept.")
    Duration expireAfter;

    @Option(names = "--expire-idle", paramLabel = "DURATION", converter = OptionTypes.PositiveDuration.class,
            description = "Evict a bundle that nobody has fetched or asked for for this long, such as 2d. "
                    + "Default: bundles are kept.")
    Duration expireIdle;

    @Option(names = "--expiry-interval", paramLabel = "DURATION", converter = OptionTypes.PositiveDuration.class,
            description = "How often expired bundles are looked for, with --expire-after or --expire-idle "
                    + "(default: 10m).")
    Duration expiryInterval;

    @Option(names = "--port", paramLabel = "N", defaultValue = "5080", converter = OptionTypes.Port.class,
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

    @CommandLine.Mixin
    ApiAccessOptions access;

    @Option(names = "--mirror-of", paramLabel = "URL", converter = OptionTypes.HttpUrl.class,
            description = "Mirror mode: redirect (302) what this server does not serve, such as other /api/1/ "
                    + "endpoints, to this main archive, e.g. https://archive.softwareheritage.org")
    URI mirrorOf;

    @Option(names = "--max-bundle-size", paramLabel = "SIZE", converter = ByteSize.ZeroMeansNone.class,
            description = "The largest bundle cooked, such as 512MiB or 4GiB; 0 for no limit (default: 1GiB, as the "
                    + "reference vault and vault cook).")
    Long maxBundleSize;

    @Option(names = "--max-concurrent-cooks", paramLabel = "N", converter = OptionTypes.Positive.class,
            description = "How many bundles cook at the same time (default: the number of processors).")
    Integer maxConcurrentCooks;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16", converter = OptionTypes.Positive.class,
            description = "How many requests are answered at the same time (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        archive.check();
        for (String log : List.of(ACCESS_LOG_LEVEL, COOKS_LOG_LEVEL, EXPIRY_LOG_LEVEL)) {
            if (System.getProperty(log) == null) {
                // a line per request, per cooked bundle and per expiry that evicted some; the rest stays at its level
                System.setProperty(log, "info");
            }
        }
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            // a server's log lines carry their time (ISO 8601, with the zone)
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
        PrintWriter err = spec.commandLine().getErr();
        Supplier<Path> defaultDir = () -> StoreDirectory.defaultFor(System.getenv(), System.getProperty("user.home"));
        PluginOption storeChoice = storeChoice(defaultDir);
        PluginOption stateChoice = stateChoice(storeChoice, defaultDir);
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind: unknown address '" + bind + "'");
        }
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            ObjectSource source;
            try {
                source = push(open, archive.open(PluginContext.standalone("serve")));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            BundleStore bundles = push(open, storeChoice.open(spec.commandLine(), BundleStoreProvider.class));
            RequestStore requests = push(open, stateChoice.open(spec.commandLine(), RequestStoreProvider.class));
            Cookers cookers = Cookers.discover();
            NotificationLog notifications = new NotificationLog();
            VaultBuilder builder = Vault.builder().source(source).store(bundles).requestStore(requests)
                    .cookers(cookers).listener(notifications).shutdownGracePeriod(Duration.ofSeconds(5));
            if (availabilityHorizon != null) {
                builder.availabilityHorizon(availabilityHorizon);
            }
            if (leaseDuration != null) {
                builder.leaseDuration(leaseDuration);
            }
            ExpiryPolicy expiry = ExpiryPolicy.keepForever();
            if (expireAfter != null) {
                expiry = expiry.withMaxAge(expireAfter);
            }
            if (expireIdle != null) {
                expiry = expiry.withMaxIdle(expireIdle);
            }
            if (expiryInterval != null) {
                expiry = expiry.withInterval(expiryInterval);
            }
            builder.expiryPolicy(expiry);
            if (maxConcurrentCooks != null) {
                builder.maxConcurrentCooks(maxConcurrentCooks);
            }
            if (maxBundleSize != null) {
                for (BundleType type : BundleType.values()) {
                    builder.maxBundleSize(type, maxBundleSize == 0 ? Long.MAX_VALUE : maxBundleSize);
                }
            }
            Vault vault = push(open, builder.build());
            Set<BundleType> served = vault.bundleTypes();
            VaultHttpServer.Builder server = VaultHttpServer.builder(vault).bind(address).port(port).threads(threads)
                    .rpc(rpc);
            if (rateLimit != null) {
                server.rateLimit(rateLimit);
            }
            if (cookRateLimit != null) {
                server.cookRateLimit(cookRateLimit);
            }
            if (mirrorOf != null) {
                server.mirrorOf(mirrorOf);
            }
            access.apply(server, rateLimit, cookRateLimit, spec.commandLine());
            VaultHttpServer running;
            try {
                running = push(open, server.start());
            } catch (BindException e) {
                err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                closeAll(open);
                return 1;
            }
            notifications.apiUrl(running.uri() + "api/1");
            err.println("vault: serving " + running.uri() + "api/1/vault/ (" + archive.describe() + ", store "
                    + (storeChoice.directory().isPresent() ? storeChoice : bundles) + ", requests "
                    + (stateChoice.name().equals("postgresql") ? requests : stateChoice)
                    + ", bundle types " + served.stream().map(BundleType::apiName).toList() + startedIn() + ")");
            err.flush();
        } catch (RuntimeException | java.io.IOException e) {
            closeAll(open);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Vault vault = (Vault) open.stream().filter(Vault.class::isInstance).findFirst().orElseThrow();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int running = vault.runningCooks();
            err.println("vault: stopping" + (running == 0 ? ""
                    : "; waiting up to " + vault.shutdownGracePeriod().toSeconds() + " s for " + running
                            + (running == 1 ? " running cook" : " running cooks") + " to finish"));
            err.flush();
            closeAll(open);
            stopped.countDown();
        }, "vault-serve-shutdown"));
        stopped.await();
        return 0;
    }

    /** {@code --store}: a plug-in by name, an {@code s3://} URL, or a directory (the default one if not given). */
    private PluginOption storeChoice(Supplier<Path> defaultDir) {
        try {
            if (store == null) {
                return new PluginOption("--store", "fs", Map.of("path", defaultDir.get().toString()));
            }
            if (store.regionMatches(true, 0, "s3://", 0, 5)) {
                return new PluginOption("--store", "s3", S3StoreUrl.parse(store).config());
            }
            Optional<PluginOption> named = PluginOption.named("--store", BundleStoreProvider.class, store);
            if (named.isPresent()) {
                return named.get();
            }
            if (S3StoreUrl.isS3(store)) {
                S3StoreUrl.parse(store); // says which form an S3 store has
            }
            return new PluginOption("--store", "fs", Map.of("path", store));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * {@code --state}: a plug-in by name, or the directory of a journal; by default the journal in requests/ of
     * the store's directory, or of the default directory when the store is not a local one.
     */
    private PluginOption stateChoice(PluginOption storeChoice, Supplier<Path> defaultDir) {
        try {
            if (state != null && state.regionMatches(true, 0, "postgres://", 0, 11)) {
                // libpq's other spelling; postgresql://… is the plug-in's own NAME://… form
                return new PluginOption("--state", "postgresql", Map.of("url", state));
            }
            Optional<PluginOption> named = state == null ? Optional.empty()
                    : PluginOption.named("--state", RequestStoreProvider.class, state);
            return named.orElseGet(() -> new PluginOption("--state", "journal", Map.of("path",
                    (state != null ? Path.of(state) : storeChoice.directory().orElseGet(defaultDir).resolve("requests"))
                            .toString())));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * ", started in N ms" since the JVM started. (The process start time the OS reports is only precise
     * to the second on Linux, where the boot time it is counted from is whole seconds.)
     */
    private static String startedIn() {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        return ", started in " + Duration.between(Instant.ofEpochMilli(jvmStart), Instant.now()).toMillis() + " ms";
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
