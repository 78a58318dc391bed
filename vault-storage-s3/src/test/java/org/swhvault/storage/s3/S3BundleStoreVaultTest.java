package org.swhvault.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.OpenBundle;
import org.swhvault.core.Vault;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.PseudoRandomBytes;
import org.swhvault.testing.cook.TestCooker;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine over the S3 store: a cook whose S3 server goes away mid-upload fails as transient and is retried. */
class S3BundleStoreVaultTest {
    private static final String BUCKET = "vault";
    private static final long PART = S3BundleStoreBuilder.MIN_PART_SIZE;

    @RegisterExtension
    static final S3Server server = S3Server.withBuckets(BUCKET);

    @Test
    void aCookWhoseServerStopsMidUploadIsRetriedAndNoPartialBundleIsEverVisible() throws IOException {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        Swhid dir = Swhid.of(ObjectType.DIRECTORY, archive.directory(t -> t.file("README", "hello\n")));
        PseudoRandomBytes bundle = new PseudoRandomBytes(9, 3 * PART);
        TestCooker cooker = serverKilling(bundle);
        List<String> progress = new CopyOnWriteArrayList<>();
        String prefix = "engine";
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(prefix).build();
                Vault vault = Vault.builder().source(archive.build()).store(store)
                        .cookers(Cookers.of(List.of(cooker))).retryBackoff(Duration.ofMillis(200))
                        .listener(new VaultListener() {
                            @Override
                            public void onProgress(BundleStatus status) {
                                status.progressMessage().ifPresent(progress::add);
                            }
                        }).build()) {
            vault.cook(BundleType.FLAT, dir);
            BundleStatus done = vault.awaitCompletion(BundleType.FLAT, dir, Duration.ofMinutes(2));

            assertThat(done.state()).isEqualTo(RequestState.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(progress).contains("The bundle store failed; the cooking will be retried (attempt 2 of 3).");
            assertThat(cooker.cooks()).isEqualTo(2);
            try (OpenBundle open = vault.open(BundleType.FLAT, dir); InputStream in = open.stream()) {
                assertThat(bundle.mismatch(in)).isEqualTo(-1);
            }
        }
        try (S3Client raw = server.rawClient()) {
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents())
                    .as("the bundle, and nothing else, is under the prefix")
                    .extracting(S3Object::key).containsExactly(prefix + "/flat/" + dir.toString().replace(':', '_')
                            + ".tar.gz");
        }
    }

    /** Writes the bundle; on its first attempt the S3 server stops after one part and is back before it fails. */
    private static TestCooker serverKilling(PseudoRandomBytes bundle) {
        AtomicInteger attempts = new AtomicInteger();
        return TestCooker.flat((swhid, out, context) -> {
            if (attempts.incrementAndGet() > 1) {
                bundle.writeTo(out);
                return;
            }
            bundle.writeTo(out, 0, PART + 1);
            try {
                server.stop();
                bundle.writeTo(out, PART + 1, Long.MAX_VALUE);
            } catch (VaultException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE);
                throw e;
            } catch (Exception e) {
                throw new AssertionError("stopping the server should fail the upload with STORE_FAILURE", e);
            } finally {
                restart();
            }
            throw new AssertionError("the upload should have failed with the server stopped");
        });
    }

    private static void restart() {
        try {
            server.restart();
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart the S3 server", e);
        }
    }
}
