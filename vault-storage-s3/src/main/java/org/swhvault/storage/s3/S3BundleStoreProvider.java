package org.swhvault.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleStoreProvider;

import static java.util.Objects.requireNonNull;

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
 *   <li>{@value #PART_SIZE}: the multipart part size in bytes, or with a suffix {@code KiB}, {@code MiB},
 *       {@code GiB} ({@code 16MiB}); from 5 MiB to 1 GiB, 16 MiB unless set;</li>
 *   <li>{@value #URL_VALIDITY}: the longest validity of download URLs, as an ISO-8601 duration
 *       ({@code PT1H}); 7 days, the most S3 allows, unless set;</li>
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

    private static final Set<String> KEYS = Set.of(BUCKET, ENDPOINT, REGION, PREFIX, PATH_STYLE, ACCESS_KEY,
            SECRET_KEY, PART_SIZE, URL_VALIDITY, CREATE_BUCKET);
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(|B|KiB|MiB|GiB)");

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
     * @return the store, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a key is unknown, {@value #BUCKET}
     *     is missing, only one of {@value #ACCESS_KEY} and {@value #SECRET_KEY} is set, or a value is
     *     malformed; with {@link ErrorCode#STORE_FAILURE} if the server cannot be reached, rejects the
     *     credentials, or has no such bucket
     */
    @Override
    public BundleStore create(Map<String, String> config) {
        requireNonNull(config, "config is null");
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw invalid("got unknown keys " + unknown + "; the known keys are " + new TreeSet<>(KEYS));
        }
        String bucket = config.get(BUCKET);
        if (bucket == null || bucket.isBlank()) {
            throw invalid("needs the key '" + BUCKET + "'");
        }
        S3BundleStoreBuilder builder = S3BundleStore.builder().bucket(bucket);
        with(config, ENDPOINT, value -> builder.endpoint(uri(value)));
        with(config, REGION, builder::region);
        with(config, PREFIX, builder::prefix);
        with(config, PATH_STYLE, value -> builder.pathStyle(bool(PATH_STYLE, value)));
        with(config, PART_SIZE, value -> builder.partSize(size(value)));
        with(config, URL_VALIDITY, value -> builder.urlValidity(duration(value)));
        with(config, CREATE_BUCKET, value -> builder.createBucket(bool(CREATE_BUCKET, value)));
        String accessKey = config.get(ACCESS_KEY);
        String secretKey = config.get(SECRET_KEY);
        if ((accessKey == null) != (secretKey == null)) {
            throw invalid("needs both '" + ACCESS_KEY + "' and '" + SECRET_KEY + "', or neither, got only '"
                    + (accessKey == null ? SECRET_KEY : ACCESS_KEY) + "'");
        }
        if (accessKey != null) {
            builder.credentials(accessKey, secretKey);
        }
        return builder.build();
    }

    private static void with(Map<String, String> config, String key, Consumer<String> setter) {
        String value = config.get(key);
        if (value != null) {
            setter.accept(value.strip());
        }
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("needs '" + ENDPOINT + "' to be a URL such as http://127.0.0.1:9000, got '" + value + "'");
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("needs '" + key + "' to be true or false, got '" + value + "'");
        };
    }

    private static long size(String value) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw invalid("needs '" + PART_SIZE + "' to be a number of bytes, optionally with KiB, MiB or GiB"
                    + " (16MiB), got '" + value + "'");
        }
        int shift = switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            return Math.multiplyExact(n, 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid("needs '" + PART_SIZE + "' to be at most 1GiB, got '" + value + "'");
        }
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid("needs '" + URL_VALIDITY + "' to be an ISO-8601 duration such as PT1H, got '" + value
                    + "'");
        }
    }

    private static VaultException invalid(String message) {
        return new VaultException(ErrorCode.INVALID_ARGUMENT, "The s3 bundle store " + message + ".");
    }
}
