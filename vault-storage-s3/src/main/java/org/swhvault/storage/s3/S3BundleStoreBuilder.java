package org.swhvault.storage.s3;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static java.util.Objects.requireNonNull;

/**
 * Configures an {@link S3BundleStore}. Every setter checks its argument at once and throws
 * {@link VaultException} with {@link ErrorCode#INVALID_ARGUMENT} if it is wrong; only the bucket is
 * required. Either the store builds its own S3 client from the endpoint, region, path style, credentials
 * and HTTP client set here, or a host passes a ready {@link S3Client} (and {@link S3Presigner}) with
 * {@link #client(S3Client, S3Presigner)}. Not thread-safe.
 */
public final class S3BundleStoreBuilder {
    /** The smallest part S3 accepts in a multipart upload, other than the last: 5 MiB. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** The largest part size the store accepts: 1 GiB, since a writer holds a whole part in memory. */
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;
    /** The part size unless one is set: 16 MiB. */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    /** The longest validity S3 signatures allow, and the URL validity unless one is set: 7 days. */
    public static final Duration MAX_URL_VALIDITY = Duration.ofDays(7);
    /** The largest object S3 copies in one request: 5 GiB. */
    static final long MAX_SINGLE_COPY_SIZE = 5L * 1024 * 1024 * 1024;

    private String bucket;
    private URI endpoint;
    private String region = "us-east-1";
    private String prefix = "";
    private boolean pathStyle;
    private String accessKey;
    private String secretKey;
    private AwsCredentialsProvider credentialsProvider;
    private long partSize = DEFAULT_PART_SIZE;
    private long maxSingleCopySize = MAX_SINGLE_COPY_SIZE;
    private Duration urlValidity = MAX_URL_VALIDITY;
    private boolean createBucket;
    private SdkHttpClient httpClient;
    private S3Client client;
    private S3Presigner presigner;
    private Clock clock = Clock.systemUTC();

    S3BundleStoreBuilder() {
    }

    /**
     * Sets the bucket. Required.
     *
     * @param bucket the bucket's name
     * @return this builder
     */
    public S3BundleStoreBuilder bucket(String bucket) {
        requireNonNull(bucket, "bucket is null");
        check(!bucket.isBlank() && bucket.strip().equals(bucket), "bucket must be a non-blank name, got '"
                + bucket + "'");
        this.bucket = bucket;
        return this;
    }

    /**
     * Sets the server, such as {@code http://127.0.0.1:9000} for a MinIO or {@code https://s3.example.org};
     * unless set, Amazon S3's endpoint for the region.
     *
     * @param endpoint an absolute {@code http} or {@code https} URI
     * @return this builder
     */
    public S3BundleStoreBuilder endpoint(URI endpoint) {
        requireNonNull(endpoint, "endpoint is null");
        check(("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                && endpoint.getHost() != null, "endpoint must be an http or https URL, got " + endpoint);
        this.endpoint = endpoint;
        return this;
    }

    /**
     * Sets the region requests are signed for; {@code us-east-1} unless set, which suits most
     * S3-compatible servers.
     *
     * @param region a region name, such as {@code eu-west-3}
     * @return this builder
     */
    public S3BundleStoreBuilder region(String region) {
        requireNonNull(region, "region is null");
        check(region.matches("[a-z0-9-]+"), "region must be a region name such as eu-west-3, got '" + region + "'");
        this.region = region;
        return this;
    }

    /**
     * Sets the key prefix under which the store keeps its objects, so that several stores can share a
     * bucket; a {@code /} is added unless the prefix is empty or ends with one. Empty unless set.
     *
     * @param prefix the prefix, such as {@code vault/}
     * @return this builder
     */
    public S3BundleStoreBuilder prefix(String prefix) {
        requireNonNull(prefix, "prefix is null");
        this.prefix = ObjectLayout.normalisePrefix(prefix);
        return this;
    }

    /**
     * Chooses path-style URLs ({@code http://host/bucket/key}) over virtual-host style
     * ({@code http://bucket.host/key}); most S3-compatible servers need them. Off unless set.
     *
     * @param pathStyle whether to use path-style URLs
     * @return this builder
     */
    public S3BundleStoreBuilder pathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
        return this;
    }

    /**
     * Sets static credentials. Unless credentials are set, the SDK's default provider chain finds them
     * (environment, system properties, profile files, container or instance roles).
     *
     * @param accessKey the access key id
     * @param secretKey the secret access key; never logged nor shown by {@code toString}
     * @return this builder
     */
    public S3BundleStoreBuilder credentials(String accessKey, String secretKey) {
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        check(!accessKey.isBlank() && !secretKey.isBlank(), "accessKey and secretKey must not be blank");
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.credentialsProvider = null;
        return this;
    }

    /**
     * Sets where credentials come from, replacing static credentials.
     *
     * @param provider the SDK credentials provider
     * @return this builder
     */
    public S3BundleStoreBuilder credentialsProvider(AwsCredentialsProvider provider) {
        this.credentialsProvider = requireNonNull(provider, "provider is null");
        this.accessKey = null;
        this.secretKey = null;
        return this;
    }

    /**
     * Sets the size of multipart upload parts, which is also the memory each writer holds, and bounds a
     * bundle to 10,000 parts. 16 MiB unless set.
     *
     * @param bytes from {@link #MIN_PART_SIZE} to {@link #MAX_PART_SIZE}
     * @return this builder
     */
    public S3BundleStoreBuilder partSize(long bytes) {
        check(bytes >= MIN_PART_SIZE && bytes <= MAX_PART_SIZE, "partSize must be between " + MIN_PART_SIZE
                + " and " + MAX_PART_SIZE + " bytes, got " + bytes);
        this.partSize = bytes;
        return this;
    }

    /** Lowers the size above which bundles are copied part by part, so that tests reach that path. */
    S3BundleStoreBuilder maxSingleCopySize(long bytes) {
        this.maxSingleCopySize = bytes;
        return this;
    }

    /**
     * Sets the longest time a download URL stays valid; a shorter validity asked of
     * {@link S3BundleStore#downloadUrl} is kept. 7 days unless set.
     *
     * @param validity positive, at most {@link #MAX_URL_VALIDITY}
     * @return this builder
     */
    public S3BundleStoreBuilder urlValidity(Duration validity) {
        requireNonNull(validity, "validity is null");
        check(!validity.isNegative() && !validity.isZero() && validity.compareTo(MAX_URL_VALIDITY) <= 0,
                "urlValidity must be positive and at most " + MAX_URL_VALIDITY + ", got " + validity);
        this.urlValidity = validity;
        return this;
    }

    /**
     * Chooses to create the bucket when it does not exist, rather than fail. Off unless set.
     *
     * @param create whether to create a missing bucket
     * @return this builder
     */
    public S3BundleStoreBuilder createBucket(boolean create) {
        this.createBucket = create;
        return this;
    }

    /**
     * Sets the HTTP client of the S3 client the store builds; the store does not close it. Unless set, the
     * store creates a {@code UrlConnectionHttpClient} and closes it with the store.
     *
     * @param httpClient the SDK HTTP client
     * @return this builder
     */
    public S3BundleStoreBuilder httpClient(SdkHttpClient httpClient) {
        this.httpClient = requireNonNull(httpClient, "httpClient is null");
        return this;
    }

    /**
     * Uses a host's ready S3 client, and presigner for download URLs, instead of building them; the
     * endpoint, region, path style, credentials and HTTP client set here are then not used. The store
     * does not close them.
     *
     * @param client the S3 client
     * @param presigner the presigner, or null if the store shall not sign download URLs
     * @return this builder
     */
    public S3BundleStoreBuilder client(S3Client client, S3Presigner presigner) {
        this.client = requireNonNull(client, "client is null");
        this.presigner = presigner;
        return this;
    }

    /**
     * Sets the clock that dates bundles when they are committed; the system clock in UTC unless set.
     *
     * @param clock the clock
     * @return this builder
     */
    public S3BundleStoreBuilder clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        return this;
    }

    /**
     * Creates the store and checks, with one listing request, that the bucket exists and the credentials
     * may list it; creates the bucket if configured to. Blocks on that request.
     *
     * @return the store, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if no bucket was set, with
     *     {@link ErrorCode#STORE_FAILURE} if the server cannot be reached, rejects the credentials, or has
     *     no such bucket (message {@code bucket 'x' does not exist at <endpoint>})
     */
    public S3BundleStore build() {
        Connection connection = connect(ErrorCode.STORE_FAILURE);
        String description = "S3BundleStore[s3://" + bucket + "/" + prefix + " at " + connection.bucket().failures()
                .server() + ", region " + region + ", " + (pathStyle ? "path-style" : "virtual-host style")
                + ", parts of " + partSize + " bytes, " + connection.credentials() + "]";
        return new S3BundleStore(connection.bucket(), new ObjectLayout(prefix), connection.presigner(),
                (int) partSize, maxSingleCopySize, urlValidity, clock, connection.owned(), description);
    }

    /**
     * A checked bucket and what reaching it needs, for whatever the bucket holds (bundles, objstorage contents).
     *
     * @param bucket the bucket, whose failures carry the code asked for
     * @param presigner the presigner, or null
     * @param owned closes the client, presigner and HTTP client that were built for it
     * @param credentials how the credentials are described, never the secret key
     */
    record Connection(Bucket bucket, S3Presigner presigner, AutoCloseable owned, String credentials) {
    }

    /**
     * Builds (or takes) the client and checks the bucket with one listing request, creating it if configured
     * to; S3's failures are then thrown with {@code failureCode}.
     */
    Connection connect(ErrorCode failureCode) {
        check(bucket != null, "bucket is required");
        List<AutoCloseable> owned = new ArrayList<>();
        S3Client s3 = client;
        S3Presigner signer = presigner;
        if (s3 == null) {
            AwsCredentialsProvider credentials = credentials();
            SdkHttpClient http = httpClient;
            if (http == null) {
                http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)).build();
                owned.add(http);
            }
            S3ClientBuilder b = S3Client.builder().httpClient(http).region(Region.of(region))
                    .credentialsProvider(credentials).forcePathStyle(pathStyle)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            S3Presigner.Builder p = S3Presigner.builder().region(Region.of(region)).credentialsProvider(credentials)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
            if (endpoint != null) {
                b.endpointOverride(endpoint);
                p.endpointOverride(endpoint);
            }
            s3 = b.build();
            signer = p.build();
            owned.add(0, s3);
            owned.add(0, signer);
        }
        String server = server(s3);
        AutoCloseable closeAll = () -> {
            for (AutoCloseable c : owned) {
                c.close();
            }
        };
        Bucket checked = new Bucket(s3, new S3Failures(bucket, server, failureCode));
        try {
            checked.check(prefix, createBucket, region);
        } catch (RuntimeException e) {
            try {
                closeAll.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new Connection(checked, signer, closeAll, client != null ? "host's client" : credentialsDescription());
    }

    private AwsCredentialsProvider credentials() {
        if (credentialsProvider != null) {
            return credentialsProvider;
        }
        if (accessKey != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private String credentialsDescription() {
        if (accessKey != null) {
            return "access key " + accessKey + " with secret key ****";
        }
        return credentialsProvider != null ? "credentials from " + credentialsProvider.getClass().getSimpleName()
                : "credentials from the default provider chain";
    }

    private String server(S3Client s3) {
        if (client == null) {
            return endpoint != null ? endpoint.toString() : "Amazon S3 (" + region + ")";
        }
        return s3.serviceClientConfiguration().endpointOverride().map(URI::toString)
                .orElse("Amazon S3 (" + s3.serviceClientConfiguration().region() + ")");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }

    /** Describes the configuration; never the secret key. */
    @Override
    public String toString() {
        return "S3BundleStoreBuilder[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region
                + ", prefix=" + prefix + ", pathStyle=" + pathStyle + ", " + credentialsDescription() + "]";
    }
}
