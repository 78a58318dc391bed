package org.swhvault.examples.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.swhvault.spi.store.BundleStore;
import org.swhvault.storage.s3.S3BundleStoreProvider;

import static java.util.Objects.requireNonNull;

/**
 * The S3 bucket {@code vault serve --store} names: {@code s3://BUCKET[/PREFIX][?PARAM=VALUE&…]}. Parsing
 * checks the form and the parameter names only; {@link S3BundleStoreProvider} checks the values when the
 * store is opened. Credentials are never taken from the URL, since command lines are visible to other users.
 * This class does not touch the S3 SDK, so that {@code vault serve} over a directory never loads it.
 *
 * @param bucket the bucket's name
 * @param prefix the key prefix, empty for none
 * @param parameters the query parameters, percent-decoded, in their order
 */
record S3StoreUrl(String bucket, String prefix, Map<String, String> parameters) {
    private static final Set<String> PARAMETERS = Set.of(S3BundleStoreProvider.ENDPOINT, S3BundleStoreProvider.REGION,
            S3BundleStoreProvider.PATH_STYLE, S3BundleStoreProvider.CREATE_BUCKET, S3BundleStoreProvider.PART_SIZE,
            S3BundleStoreProvider.URL_VALIDITY);
    private static final Set<String> CREDENTIALS = Set.of(S3BundleStoreProvider.ACCESS_KEY,
            S3BundleStoreProvider.SECRET_KEY);
    private static final String FORM = "s3://BUCKET[/PREFIX][?PARAM=VALUE&…]";

    S3StoreUrl {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        parameters = Map.copyOf(parameters);
    }

    /** Whether {@code --store VALUE} names an S3 bucket rather than a directory. */
    static boolean isS3(String value) {
        return value.regionMatches(true, 0, "s3:", 0, 3);
    }

    /**
     * Parses {@code s3://BUCKET[/PREFIX][?PARAM=VALUE&…]}; the parameters are {@code endpoint}, {@code region},
     * {@code pathStyle}, {@code createBucket}, {@code partSize} and {@code urlValidity}.
     *
     * @throws IllegalArgumentException with a message for the user if the form is wrong, the bucket is missing,
     *     a parameter is unknown, repeated, without a value, or is a credential
     */
    static S3StoreUrl parse(String value) {
        if (!value.regionMatches(true, 0, "s3://", 0, 5)) {
            throw invalid(value, "an S3 store is named " + FORM);
        }
        String rest = value.substring(5);
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        int slash = path.indexOf('/');
        String bucket = decode(value, slash < 0 ? path : path.substring(0, slash));
        String prefix = slash < 0 ? "" : decode(value, path.substring(slash + 1));
        if (bucket.isBlank()) {
            throw invalid(value, "the bucket is missing: " + FORM);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&", -1)) {
                parameter(value, pair, parameters);
            }
        }
        return new S3StoreUrl(bucket, prefix, parameters);
    }

    private static void parameter(String value, String pair, Map<String, String> parameters) {
        if (pair.isEmpty()) {
            return; // "?a=b&&c=d" or a trailing '&'
        }
        int eq = pair.indexOf('=');
        String name = decode(value, eq < 0 ? pair : pair.substring(0, eq));
        if (CREDENTIALS.stream().anyMatch(name::equalsIgnoreCase)) {
            // not echoing the value, which holds a secret
            throw new IllegalArgumentException("--store: credentials are not accepted on the command line, where "
                    + "other users can see them; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment");
        }
        if (!PARAMETERS.contains(name)) {
            throw invalid(value, "unknown parameter '" + name + "'; the parameters are " + new TreeSet<>(PARAMETERS));
        }
        if (eq < 0 || eq == pair.length() - 1) {
            throw invalid(value, "parameter '" + name + "' needs a value (" + name + "=…)");
        }
        if (parameters.put(name, decode(value, pair.substring(eq + 1))) != null) {
            throw invalid(value, "parameter '" + name + "' is given twice");
        }
    }

    /** The configuration of {@link S3BundleStoreProvider}: the bucket, the prefix and the parameters. */
    Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(parameters);
        config.put(S3BundleStoreProvider.BUCKET, bucket);
        if (!prefix.isEmpty()) {
            config.put(S3BundleStoreProvider.PREFIX, prefix);
        }
        return config;
    }

    /**
     * Opens the store, with credentials from the AWS SDK's default chain (the environment first), and checks
     * the bucket with one request. Blocks on it. Loads the S3 SDK.
     *
     * @throws org.swhvault.spi.VaultException with {@code INVALID_ARGUMENT} if a parameter's value is wrong,
     *     with {@code STORE_FAILURE} if the server cannot be reached, rejects the credentials or has no such
     *     bucket
     */
    BundleStore open() {
        return new S3BundleStoreProvider().create(config());
    }

    /** Percent-decodes as UTF-8; unlike form decoding, '+' stays '+'. */
    private static String decode(String value, String part) {
        if (part.indexOf('%') < 0) {
            return part;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < part.length()) {
            int percent = part.indexOf('%', i);
            int end = percent < 0 ? part.length() : percent;
            bytes.writeBytes(part.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int hi = percent + 2 < part.length() ? Character.digit(part.charAt(percent + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(part.charAt(percent + 2), 16) : -1;
            if (lo < 0) {
                throw invalid(value, "'" + part.substring(percent, Math.min(part.length(), percent + 3))
                        + "' is not a percent-escape (%XX with two hex digits)");
            }
            bytes.write(hi << 4 | lo);
            i = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String value, String problem) {
        return new IllegalArgumentException("--store: " + problem + "; got '" + value + "'");
    }

    /** The URL without its parameters, such as {@code s3://bucket/prefix/}. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
