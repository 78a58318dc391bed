package org.swhvault.core.cook.flat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.io.SizeLimitedOutputStream;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancellation, the size limit, the compression threads and discovery of the flat cooker. */
class FlatCookerLifecycleTest {
    /** A context that says "cancel" once it has received {@code limit} progress reports. */
    private static final class CancelAfter implements CookContext {
        final int limit;
        final AtomicInteger calls = new AtomicInteger();
        volatile long lastDone = -1;

        CancelAfter(int limit) {
            this.limit = limit;
        }

        @Override
        public void progress(String message, long done, long total) {
            assertThat(message).isNotBlank();
            assertThat(total == -1 || done <= total).as("%s %d of %d", message, done, total).isTrue();
            lastDone = done;
            calls.incrementAndGet();
        }

        @Override
        public boolean isCancelled() {
            return calls.get() >= limit;
        }
    }

    @Test
    void cancellingStopsADirectoryCook() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> {
            for (int i = 0; i < 100; i++) {
                t.file("d" + i / 10 + "/f" + i, "file " + i + "\n");
            }
        });
        CancelAfter context = new CancelAfter(25);
        assertThatThrownBy(() -> FlatBundles.cook(new FlatCooker(), Swhid.of(ObjectType.DIRECTORY, dir),
                archive.build(), context)).isInstanceOf(VaultException.class)
                .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(context.calls.get()).isEqualTo(25);
        assertGzipThreadsStop();
    }

    @Test
    void cancellingStopsARevisionCook() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId head = null;
        for (int i = 0; i < 20; i++) {
            int n = i;
            ObjectId parent = head;
            head = archive.revision(r -> {
                if (parent != null) {
                    r.parents(parent);
                }
                r.tree(t -> t.file("f", "revision " + n + "\n"));
            });
        }
        Swhid swhid = Swhid.of(ObjectType.REVISION, head);
        CancelAfter whole = new CancelAfter(Integer.MAX_VALUE);
        FlatBundles.cook(new FlatCooker(), swhid, archive.build(), whole);
        assertThat(whole.lastDone).isEqualTo(20);
        CancelAfter context = new CancelAfter(whole.calls.get() / 2);
        assertThatThrownBy(() -> FlatBundles.cook(new FlatCooker(), swhid, archive.build(), context))
                .isInstanceOf(VaultException.class)
                .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.CANCELLED);
        assertGzipThreadsStop();
    }

    @Test
    void theSizeLimitFailsWithTheReferenceMessage() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        ObjectId dir = archive.directory(t -> t.file("noise.bin", noise));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SizeLimitedOutputStream limited = new SizeLimitedOutputStream(sink, 100_000);
        assertThatThrownBy(() -> new FlatCooker().cook(Swhid.of(ObjectType.DIRECTORY, dir), archive.build(), limited,
                CookContext.silent())).isInstanceOf(VaultException.class)
                .hasMessage("The requested bundle exceeds the maximum allowed size of 100000 bytes.")
                .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.BUNDLE_TOO_LARGE);
        assertThat(sink.size()).isLessThanOrEqualTo(100_000);
        assertGzipThreadsStop();
    }

    @Test
    void theCookerLeavesTheCallersStreamOpen() throws IOException {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("f", "x"));
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new FlatCooker().cook(Swhid.of(ObjectType.DIRECTORY, dir), archive.build(), out, CookContext.silent());
        assertThat(closed[0]).isFalse();
        assertThat(out.size()).isPositive();
    }

    @Test
    void theProviderIsDiscoveredAndChecksItsSettings() {
        assertThat(Cookers.discover().forObject(BundleType.FLAT, ObjectType.REVISION)).isInstanceOf(FlatCooker.class);
        FlatCookerProvider provider = new FlatCookerProvider();
        assertThat(provider.bundleType()).isEqualTo(BundleType.FLAT);
        assertThat(provider.create(Map.of("level", "9", "threads", "1", "cache-entries", "0")))
                .hasToString("FlatCooker[level=9, threads=1, cacheEntries=0]");
        for (Map<String, String> bad : List.of(Map.of("level", "10"), Map.of("threads", "0"),
                Map.of("level", "fast"), Map.of("colour", "blue"))) {
            assertThatThrownBy(() -> provider.create(bad)).isInstanceOf(VaultException.class)
                    .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    private static void assertGzipThreadsStop() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gzipThreads() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(gzipThreads()).as("live compression threads").isZero();
    }

    private static long gzipThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("swhvault-gzip")).count();
    }
}
