package org.swhvault.requests.postgresql;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RequestStoreProvider;

/**
 * The {@code postgresql} request store: a {@link PostgresRequestStore}, shared by every vault that names the same
 * database. Settings:
 * <ul>
 *   <li>{@value #URL} (required): {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAMETER=VALUE&…]},
 *       with libpq's connection parameters ({@code sslmode}, {@code sslrootcert}, {@code connect_timeout},
 *       {@code application_name}…, see {@link PostgresLocation}; {@code application_name} is {@code swhvault}
 *       unless given); without a password in it, the password comes from {@value #PASSWORD}, else
 *       {@code PGPASSWORD}, else {@code ~/.pgpass};</li>
 *   <li>{@value #PASSWORD}: the password ({@linkplain #secretProperties() secret});</li>
 *   <li>{@value #POOL_SIZE}: how many connections at most, 2 to 100, {@value PostgresRequestStore#DEFAULT_POOL_SIZE}
 *       unless set;</li>
 *   <li>{@value #RETRY_FOR}: how long failures of the connection are retried, such as {@code 60s} (the default);</li>
 *   <li>{@value #OVERLAP_CLAIM_COMMITS}: {@code true} to cook a new request while its claim commits, which saves one
 *       commit's wait per request but may cook a bundle twice (publishing it once) when the database fails between
 *       the claim's insert and its commit; {@code false} unless set (see
 *       {@link PostgresRequestStore#open(PostgresLocation, int, Duration, boolean)}).</li>
 * </ul>
 */
public final class PostgresRequestStoreProvider implements RequestStoreProvider {
    /** The configuration key of the connection URI. */
    public static final String URL = "url";
    /** The configuration key of the password. */
    public static final String PASSWORD = "password";
    /** The configuration key of the pool size. */
    public static final String POOL_SIZE = "pool-size";
    /** The configuration key of the retry time. */
    public static final String RETRY_FOR = "retry-for";
    /** The configuration key of the choice to cook new requests while their claims commit. */
    public static final String OVERLAP_CLAIM_COMMITS = "overlap-claim-commits";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public PostgresRequestStoreProvider() {
    }

    /** Returns {@code postgresql}. */
    @Override
    public String name() {
        return "postgresql";
    }

    /** Returns {@value #PASSWORD}. */
    @Override
    public Set<String> secretProperties() {
        return Set.of(PASSWORD);
    }

    /**
     * Connects, creates or upgrades the schema and opens the pool. Blocks until then.
     *
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if a setting
     *     is missing, unknown or malformed; with {@link org.swhvault.spi.ErrorCode#STORE_FAILURE} and one
     *     sentence if the database cannot be used
     */
    @Override
    public RequestStore create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("postgresql request store", config);
        String url = settings.required(URL, "postgresql://USER@HOST:PORT/DATABASE");
        Optional<String> password = settings.optional(PASSWORD);
        int poolSize = (int) settings.integer(POOL_SIZE, PostgresRequestStore.DEFAULT_POOL_SIZE, 2, 100);
        Duration retryFor = settings.duration(RETRY_FOR, PostgresRequestStore.DEFAULT_RETRY_FOR);
        boolean overlap = settings.bool(OVERLAP_CLAIM_COMMITS, false);
        settings.rejectUnknown();
        PostgresLocation location = PostgresLocation.parse(url).withPassword(password);
        return PostgresRequestStore.open(location, poolSize, retryFor, overlap);
    }
}
