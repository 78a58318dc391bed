package org.swhvault.source.swhpg;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.swhvault.objstorage.ObjStorageSpec;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;

/**
 * Creates {@link SwhPostgresSource}s: provider name {@code swh-postgresql}. Settings: {@code url} (a libpq URI,
 * {@code postgresql://USER@HOST:PORT/DB[?PARAMETER=VALUE&…]} with libpq's connection parameters such as
 * {@code sslmode=verify-full&sslrootcert=FILE}, see {@link org.swhvault.postgresql.PostgresLocation}; the password
 * from {@code PGPASSWORD} or {@code ~/.pgpass}),
 * {@code password} (secret), {@code pool-size} (default 4) and {@code objstorage}, where the file bytes are
 * ({@code pathslicing:DIR}, or {@code NAME:KEY=VALUE,…} of any objstorage plug-in).
 */
public final class SwhPostgresSourceProvider implements ObjectSourceProvider {
    private static final String URL = "url";
    private static final String PASSWORD = "password";
    private static final String POOL_SIZE = "pool-size";
    private static final String OBJSTORAGE = "objstorage";

    /** Returns {@code swh-postgresql}. */
    @Override
    public String name() {
        return "swh-postgresql";
    }

    /** Returns {@code password}. */
    @Override
    public Set<String> secretProperties() {
        return Set.of(PASSWORD);
    }

    /**
     * Creates the objstorage, connects and checks the database holds swh-storage's tables. Blocks until then.
     *
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if a setting
     *     is missing, unknown or malformed; with {@link org.swhvault.spi.ErrorCode#SOURCE_FAILURE} and one
     *     sentence if the database cannot be used
     */
    @Override
    public ObjectSource create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("swh-postgresql source", config);
        String url = settings.required(URL, "postgresql://USER@HOST:PORT/DATABASE");
        Optional<String> password = settings.optional(PASSWORD);
        int poolSize = (int) settings.integer(POOL_SIZE, 4, 1, 100);
        String spec = settings.required(OBJSTORAGE, "pathslicing:/srv/softwareheritage/objects");
        settings.rejectUnknown();
        PostgresLocation location = PostgresLocation.parse(url).withPassword(password);
        ObjStorage objstorage = ObjStorageSpec.parse(spec).create(context, SwhPostgresSourceProvider.class
                .getClassLoader());
        try {
            return SwhPostgresSource.open(location, poolSize, objstorage);
        } catch (RuntimeException e) {
            objstorage.close();
            throw e;
        }
    }
}
