package org.swhvault.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleStoreProvider;

/**
 * Creates {@link S3BundleStore}s, selected by the name {@code s3}. Configuration keys (only
 * {@value #BUCKET} is required; no other keys are accepted):
 * <ul>
 *   <li>{@value #BUCKET}: the bucket's name;</li>
 *   <li>{@value #ENDPOINT}: the server's URL, such as {@code http://127.0.0.1:9000}; Amazon S3 unless set;</li>
 *   <li>{@value #REGION}: the signing region, {@code us-east-1} unless set;</li>
 *   <li>{@value #PREFIX}: the key prefix of the store's objects, empty unless set;</li>
 *   <li>{@value #PATH_STYLE}: {@code true} for path-style URLs, which most S3-compatible servers need;
 *       {@code false} unless set;</li>
 *   <li>{@value #ACCESS_KEY} and {@value #SECRET_KEY}: static credentials, both or neither; the SDK's
 *       default provider chain unless set. {@value #SECRET_KEY} is {@linkplain #secretProperties() secret};</li>
 *   <li>{@value #PART_SIZE}: the multipart part size in bytes, or with a binary unit ({@code 16MiB});
 *       from 5 MiB to 1 GiB, 16 MiB unless set;</li>
 *   <li>{@value #URL_VALIDITY}: the longest validity of download URLs, a duration such as {@code 1h} or
 *       {@code PT1H}; 7 days, the most S3 allows, unless set;</li>
 *   <li>{@value #CREATE_BUCKET}: {@code true} to create a missing bucket rather than fail; {@code false}
 *       unless set.</li>
 * </ul>
 */
public final class S3BundleStoreProvider implements BundleStoreProvider {
    /** The configuration key of the bucket. */
    public static final String BUCKET = "bucket";
    /** The configuration key of the server's URL. */
    public static final String ENDPOINT = "endpoint";
    /** The configuration key of the signing region. */
    public static final String REGION = "region";
    /** The configuration key of the key prefix. */
    public static final String PREFIX = "prefix";
    /** The configuration key of the path-style switch. */
    public static final String PATH_STYLE = "pathStyle";
    /** The configuration key of the access key id. */
    public static final String ACCESS_KEY = "accessKey";
    /** The configuration key of the secret access key. */
    public static final String SECRET_KEY = "secretKey";
    /** The configuration key of the multipart part size. */
    public static final String PART_SIZE = "partSize";
    /** The configuration key of the longest download URL validity. */
    public static final String URL_VALIDITY = "urlValidity";
    /** The configuration key of the create-a-missing-bucket switch. */
    public static final String CREATE_BUCKET = "createBucket";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public S3BundleStoreProvider() {
    }

    /** Returns {@code s3}. */
    @Override
    public String name() {
        return "s3";
    }

    /** Returns {@value #SECRET_KEY}. */
    @Override
    public Set<String> secretProperties() {
        return Set.of(SECRET_KEY);
    }

    /**
     * Creates a store from the keys listed above and checks its bucket with one request. Blocks on it.
     *
     * @param config the settings
     * @param context unused
     * @return the store, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a key is unknown, {@value #BUCKET}
     *     is missing, only one of {@value #ACCESS_KEY} and {@value #SECRET_KEY} is set, or a value is
     *     malformed; with {@link ErrorCode#STORE_FAILURE} if the server cannot be reached, rejects the
     *     credentials, or has no such bucket
     */
    @Override
    public BundleStore create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("s3 bundle store", config);
        S3BundleStoreBuilder builder = connection(settings, "s3 bundle store");
        long partSize = settings.size(PART_SIZE, -1);
        if (partSize >= 0) {
            builder.partSize(partSize);
        }
        Duration urlValidity = settings.duration(URL_VALIDITY, null);
        if (urlValidity != null) {
            builder.urlValidity(urlValidity);
        }
        settings.rejectUnknown();
        return builder.build();
    }

    /**
     * Reads the settings of a bucket and of how to reach it ({@value #BUCKET}, {@value #ENDPOINT},
     * {@value #REGION}, {@value #PREFIX}, {@value #PATH_STYLE}, {@value #CREATE_BUCKET}, {@value #ACCESS_KEY}
     * and {@value #SECRET_KEY}), which every plug-in on S3 takes.
     *
     * @param settings the plug-in's settings
     * @param plugin how messages name the plug-in
     * @return a builder with those settings
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if one is missing or malformed
     */
    static S3BundleStoreBuilder connection(Settings settings, String plugin) {
        S3BundleStoreBuilder builder = S3BundleStore.builder().bucket(settings.required(BUCKET, "the bucket's name"));
        settings.optional(ENDPOINT).ifPresent(value -> builder.endpoint(uri(value, plugin)));
        settings.optional(REGION).ifPresent(builder::region);
        settings.optional(PREFIX).ifPresent(builder::prefix);
        builder.pathStyle(settings.bool(PATH_STYLE, false));
        builder.createBucket(settings.bool(CREATE_BUCKET, false));
        Optional<String> accessKey = settings.optional(ACCESS_KEY);
        Optional<String> secretKey = settings.optional(SECRET_KEY);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "The " + plugin + " needs both '" + ACCESS_KEY
                    + "' and '" + SECRET_KEY + "', or neither, got only '"
                    + (accessKey.isEmpty() ? SECRET_KEY : ACCESS_KEY) + "'.");
        }
        if (accessKey.isPresent()) {
            builder.credentials(accessKey.get(), secretKey.get());
        }
        return builder;
    }

    private static URI uri(String value, String plugin) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "The " + plugin + " setting '" + ENDPOINT
                    + "' must be a URL such as http://127.0.0.1:9000, got '" + value + "'.");
        }
    }
}
