package org.swhvault.source.swhrpc;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;

/**
 * The {@code swh-storage-rpc} object source: a {@link SwhStorageRpcSource} reading a swh-storage RPC server,
 * best its masking proxy (a mirror's {@code storage-public}).
 *
 * <p>Configuration keys (see {@link SwhStorageRpcSource.Builder} for what each does):
 * <ul>
 *   <li>{@code url} (required): the server's base URL, such as {@code http://storage-public:5002/}.</li>
 *   <li>{@code connect-timeout} (default {@code 10s}), {@code timeout} (default {@code 5m}).</li>
 *   <li>{@code retries} (default 3) and {@code retry-delay} (default {@code 1s}, doubling).</li>
 *   <li>{@code batch-size} (ids per call, default 1000), {@code page-size} (directory entries or snapshot
 *   branches per page, default 1000), {@code parallelism} (directories listed at once, default 4).</li>
 *   <li>{@code max-content-size} (default {@code 1GiB}, at most 2 GiB - 1).</li>
 * </ul>
 * Any other key is refused.
 */
public final class SwhStorageRpcSourceProvider implements ObjectSourceProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public SwhStorageRpcSourceProvider() {
    }

    /** Returns {@code swh-storage-rpc}. */
    @Override
    public String name() {
        return "swh-storage-rpc";
    }

    /**
     * Creates the source. It does not connect until it is read.
     *
     * @param config the keys above
     * @param context unused
     * @return a new {@link SwhStorageRpcSource}
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code url} is missing or not an http(s)
     *     URL, a value is out of range, or another key is given
     */
    @Override
    public ObjectSource create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("swh-storage-rpc source", config);
        String url = settings.required("url", "the swh-storage RPC server, such as http://storage-public:5002/");
        SwhStorageRpcSource.Builder builder;
        try {
            builder = SwhStorageRpcSource.builder(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "swh-storage-rpc source: 'url' must be an http or "
                    + "https URL such as http://storage-public:5002/, got '" + url + "'");
        }
        builder.connectTimeout(positive(settings, "connect-timeout", Duration.ofSeconds(10)))
                .timeout(positive(settings, "timeout", Duration.ofMinutes(5)))
                .retries((int) settings.integer("retries", 3, 0, 100))
                .retryDelay(settings.duration("retry-delay", Duration.ofSeconds(1)))
                .batchSize((int) settings.integer("batch-size", 1000, 1, 100_000))
                .pageSize((int) settings.integer("page-size", 1000, 1, 100_000))
                .parallelism((int) settings.integer("parallelism", 4, 1, 256));
        long max = settings.size("max-content-size", 1L << 30);
        if (max > Integer.MAX_VALUE) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "swh-storage-rpc source: 'max-content-size' must be "
                    + "at most " + Integer.MAX_VALUE + " bytes (2 GiB - 1), got " + max);
        }
        builder.maxContentSize(max);
        settings.rejectUnknown();
        return builder.build();
    }

    private static Duration positive(Settings settings, String key, Duration defaultValue) {
        Duration d = settings.duration(key, defaultValue);
        if (d.isZero()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "swh-storage-rpc source: '" + key
                    + "' must be longer than 0, got '" + settings.optional(key).orElse("") + "'");
        }
        return d;
    }
}
