package org.swhvault.storage.s3;

import java.util.Map;
import java.util.Set;

import org.swhvault.objstorage.Compression;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.objstorage.ObjStorageProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;

/**
 * Creates {@link S3ObjStorage}s, selected by the name {@code s3}. Settings: those of the bucket and of how to
 * reach it, as {@link S3BundleStoreProvider} takes them ({@code bucket}, required; {@code endpoint},
 * {@code region}, {@code pathStyle}, {@code accessKey} and {@code secretKey}, {@code createBucket}), and:
 * <ul>
 *   <li>{@code prefix}: the key prefix of the contents, as swh-objstorage's {@code path_prefix}, such as
 *       {@code content}; empty unless set;</li>
 *   <li>{@value #COMPRESSION}: {@code gzip}, {@code none}, {@code zlib}, {@code bz2}, {@code lzma} or
 *       {@code zstd}; {@code gzip}, what swh-objstorage uses when it is not set, unless set.</li>
 * </ul>
 * A command line may name one with {@code s3://BUCKET/PREFIX} (see {@code org.swhvault.objstorage.ObjStorageSpec}),
 * and add the other settings.
 */
public final class S3ObjStorageProvider implements ObjStorageProvider {
    /** The configuration key of the compression. */
    public static final String COMPRESSION = "compression";
    private static final String PLUGIN = "s3 objstorage";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public S3ObjStorageProvider() {
    }

    /** Returns {@code s3}. */
    @Override
    public String name() {
        return "s3";
    }

    /** Returns {@code secretKey}. */
    @Override
    public Set<String> secretProperties() {
        return Set.of(S3BundleStoreProvider.SECRET_KEY);
    }

    /**
     * Opens the objstorage the settings describe and checks its bucket with one request. Blocks on it.
     *
     * @param config the settings listed above
     * @param context its temporary directory is where contents being added are compressed
     * @return the objstorage, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a setting is missing, unknown or
     *     malformed; with {@link ErrorCode#SOURCE_FAILURE} if the server cannot be reached, rejects the
     *     credentials, or has no such bucket
     */
    @Override
    public ObjStorage create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of(PLUGIN, config);
        S3BundleStoreBuilder connection = S3BundleStoreProvider.connection(settings, PLUGIN);
        String prefix = settings.optional(S3BundleStoreProvider.PREFIX).orElse("");
        Compression compression = Compression.setting(settings, COMPRESSION, PLUGIN);
        settings.rejectUnknown();
        return S3ObjStorage.open(connection, prefix, compression, context.tempDirectory());
    }
}
