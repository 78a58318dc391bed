package org.swhvault.storage.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy) in this JVM, on a random loopback port, keeping its objects in a
 * temporary directory, so that it can be stopped and started again on the same port and the same objects.
 * Register it in a static field with {@code @RegisterExtension}: it starts before the class's tests, with
 * the given buckets, and stops after them. Published in this module's test jar for the other modules'
 * tests (the examples' {@code vault serve --store s3://…} tests).
 */
public final class S3Server implements BeforeAllCallback, AfterAllCallback {
    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "swhvault-test";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "swhvault-test-secret-0123456789";

    private final List<String> buckets;
    private Path dir;
    private BlobStore blobs;
    private S3Proxy proxy;
    private int port;

    private S3Server(List<String> buckets) {
        this.buckets = buckets;
    }

    /** Returns a server that will hold these (empty) buckets. */
    public static S3Server withBuckets(String... buckets) {
        return new S3Server(List.of(buckets));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("s3proxy");
        blobs = new FilesystemNio2BlobStore(dir.toString());
        startOn(0);
        buckets.forEach(blobs::createContainer);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) {
            stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // the system's temporary directory is cleaned eventually
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A store builder for a bucket of this server, with the right credentials and the smallest parts. */
    public S3BundleStoreBuilder storeFor(String bucket) {
        return S3BundleStore.builder().endpoint(endpoint()).pathStyle(true).credentials(ACCESS_KEY, SECRET_KEY)
                .bucket(bucket).partSize(S3BundleStoreBuilder.MIN_PART_SIZE);
    }

    /** A plain client, for looking at and damaging objects behind the store's back. */
    public S3Client rawClient() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY))).build();
    }

    public void stop() throws Exception {
        proxy.stop();
        proxy = null;
    }

    public void restart() throws Exception {
        startOn(port);
    }

    private void startOn(int wanted) throws Exception {
        S3Proxy started = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:" + wanted))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true).stopTimeout(0).build();
        started.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(started.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + started.getState());
            }
            Thread.sleep(10);
        }
        proxy = started;
        port = started.getPort();
    }

    /** Whether the server has this bucket. */
    public boolean hasBucket(String bucket) {
        return blobs.containerExists(bucket);
    }

    /** Whether the server holds an object under this key of this bucket. */
    public boolean holds(String bucket, String key) {
        return blobs.blobExists(bucket, key);
    }
}
