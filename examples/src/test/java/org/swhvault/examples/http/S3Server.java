package org.swhvault.examples.http;

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

/**
 * A real S3-compatible server (S3Proxy) in this JVM on a random loopback port, keeping its objects in a
 * temporary directory; a smaller copy of vault-storage-s3's test extension. Register it in a static field
 * with {@code @RegisterExtension}: it starts before the class's tests, with the given buckets, and stops
 * after them.
 */
final class S3Server implements BeforeAllCallback, AfterAllCallback {
    static final String ACCESS_KEY = "swhvault-test";
    static final String SECRET_KEY = "swhvault-test-secret-0123456789";

    private final List<String> buckets;
    private Path dir;
    private BlobStore blobs;
    private S3Proxy proxy;

    private S3Server(List<String> buckets) {
        this.buckets = buckets;
    }

    static S3Server withBuckets(String... buckets) {
        return new S3Server(List.of(buckets));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("s3proxy");
        blobs = new FilesystemNio2BlobStore(dir.toString());
        S3Proxy started = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
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
        buckets.forEach(blobs::createContainer);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // the system's temporary directory is cleaned eventually
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Whether the server has this bucket. */
    boolean hasBucket(String bucket) {
        return blobs.containerExists(bucket);
    }

    /** Whether the server holds an object under this key of this bucket. */
    boolean holds(String bucket, String key) {
        return blobs.blobExists(bucket, key);
    }
}
