package org.swhvault.testing.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.testing.BundleKeys;
import org.swhvault.testing.PseudoRandomBytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link BundleStore} promises, as JUnit 5 tests. To run it against your store,
 * extend this class in your test sources and implement {@link #newStore()}:
 *
 * <pre>{@code
 * class MyBundleStoreConformanceTest extends BundleStoreConformanceTest {
 *     @TempDir Path dir;
 *
 *     @Override
 *     protected BundleStore newStore() throws IOException {
 *         return MyBundleStore.open(dir);
 *     }
 * }
 * }</pre>
 *
 * <p>Depend on {@code org.swhvault:vault-testing} in test scope, next to {@code junit-jupiter} (the suite
 * brings the JUnit API and AssertJ, not the engine), and name the subclass so that your test runner picks it
 * up (Surefire: {@code *Test}).
 *
 * <p>Each test gets a new, empty store and closes it afterwards. The suite writes bundles of 0 B, 1 B,
 * 5 MiB + 1 (one byte past the smallest multipart part S3 allows) and 64 MiB, streams them and never
 * holds a bundle twice in memory; a full run moves about 150 MiB through the store. Override
 * {@link #corrupt(BundleStore, BundleKey)} so that {@link BundleStore#verify(BundleKey)} is tested on
 * damaged bytes too.
 *
 * <p>Beyond the interface's Javadoc, the suite expects what every store of this project does: a range
 * that starts at or past the end of a bundle is empty, {@link BundleStore#stat(BundleKey)} returns what
 * {@link BundleWriter#commit()} returned, and a recorded SHA-256 is lowercase hex.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class BundleStoreConformanceTest {
    /** The size of the bundle that crosses the smallest S3 part size: 5 MiB + 1 byte. */
    protected static final long FIVE_MIB_PLUS_ONE = 5L * 1024 * 1024 + 1;
    /** The size of the largest bundle the suite writes: 64 MiB. */
    protected static final long SIXTY_FOUR_MIB = 64L * 1024 * 1024;

    private BundleStore store;

    /** Creates the suite; subclasses call this implicitly. */
    protected BundleStoreConformanceTest() {
    }

    /**
     * Creates the store under test. Called before every test.
     *
     * @return a new store that holds no bundle; the suite closes it after the test
     * @throws Exception if the store cannot be created, which fails the test
     */
    protected abstract BundleStore newStore() throws Exception;

    /**
     * Changes the bytes of a published bundle without changing what the store recorded about it (size and
     * checksum), as a failing disk would. The default skips the test that needs it.
     *
     * @param store the store under test
     * @param key a bundle the store holds, at least 1 KiB long
     * @throws Exception if the bundle cannot be damaged, which fails the test
     */
    protected void corrupt(BundleStore store, BundleKey key) throws Exception {
        Assumptions.abort(getClass().getSimpleName() + " does not override corrupt(BundleStore, BundleKey)");
    }

    /**
     * Returns the store of the running test.
     *
     * @return the store {@link #newStore()} returned for this test
     */
    protected final BundleStore store() {
        return store;
    }

    /**
     * Creates the store of the next test.
     *
     * @throws Exception if {@link #newStore()} fails
     */
    @BeforeEach
    protected final void openStore() throws Exception {
        store = newStore();
        assertThat(store).as("newStore()").isNotNull();
    }

    /** Closes the store of the test that ran. */
    @AfterEach
    protected final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * An empty bundle round-trips.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void roundTripOfAnEmptyBundle() throws IOException {
        roundTrip(0);
    }

    /**
     * A one-byte bundle round-trips.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void roundTripOfOneByte() throws IOException {
        roundTrip(1);
    }

    /**
     * A bundle one byte longer than 5 MiB round-trips.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void roundTripOfFiveMebibytesPlusOneByte() throws IOException {
        roundTrip(FIVE_MIB_PLUS_ONE);
    }

    /**
     * A 64 MiB bundle round-trips.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void roundTripOfSixtyFourMebibytes() throws IOException {
        roundTrip(SIXTY_FOUR_MIB);
    }

    /**
     * Ranges at the start, at the end, across the 5 MiB boundary and past the end read exactly the bytes
     * they cover; past the end is empty.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void rangesReadExactlyTheBytesTheyCover() throws IOException {
        BundleKey key = BundleKeys.random();
        long size = FIVE_MIB_PLUS_ONE;
        long boundary = size - 1;
        PseudoRandomBytes data = new PseudoRandomBytes(7, size);
        put(key, data);
        long[][] ranges = {
            {0, 0}, {0, 1}, {0, 4096}, {0, size}, {0, Long.MAX_VALUE}, {1, size - 2},
            {boundary - 1, 2}, {boundary, 1}, {boundary, Long.MAX_VALUE}, {1_234_567, 654_321},
            {size - 10, 100}, {size - 1, 1}, {size, 0}, {size, 1}, {size, Long.MAX_VALUE}, {size + 1000, 10},
        };
        for (long[] range : ranges) {
            assertRange(key, data, range[0], range[1]);
        }
    }

    /**
     * Every range of an empty bundle is empty.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void rangesOfAnEmptyBundleAreEmpty() throws IOException {
        BundleKey key = BundleKeys.random();
        PseudoRandomBytes data = new PseudoRandomBytes(8, 0);
        put(key, data);
        for (long[] range : new long[][] {{0, 0}, {0, 1}, {0, Long.MAX_VALUE}, {5, 5}}) {
            assertRange(key, data, range[0], range[1]);
        }
    }

    /**
     * A negative offset or length is a programming error.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void negativeOffsetsAndLengthsAreRejected() throws IOException {
        BundleKey key = BundleKeys.random();
        put(key, new PseudoRandomBytes(9, 100));
        assertThatThrownBy(() -> store.open(key, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A key the store never held is not found by any operation, including a key that differs from a held
     * one only by its bundle type or by its compression.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void unknownKeysAreNotFound() throws IOException {
        BundleKey held = BundleKeys.random(BundleType.FLAT);
        put(held, new PseudoRandomBytes(10, 100));
        for (BundleKey key : List.of(BundleKeys.random(), new BundleKey(BundleType.GITFAST, held.swhid()),
                new BundleKey(BundleType.FLAT, held.swhid(), BundleCompression.ZSTD))) {
            assertThat(store.stat(key)).as("stat of %s", key).isEmpty();
            assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> store.open(key, 10, 10)).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> store.open(key, 0, 0)).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> store.verify(key)).isInstanceOf(NoSuchFileException.class);
            assertThat(store.delete(key)).as("delete of %s", key).isFalse();
        }
        assertThat(listed()).containsOnlyKeys(held);
    }

    /**
     * Two bundles of one object and type that differ only in compression are stored, read, listed and deleted
     * apart.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void bundlesDifferingOnlyInCompressionAreKeptApart() throws IOException {
        BundleKey gzip = BundleKeys.random(BundleType.GITFAST);
        BundleKey zstd = new BundleKey(gzip.type(), gzip.swhid(), BundleCompression.ZSTD);
        PseudoRandomBytes gzipBytes = new PseudoRandomBytes(21, 3000);
        PseudoRandomBytes zstdBytes = new PseudoRandomBytes(22, 2000);
        put(gzip, gzipBytes);
        put(zstd, zstdBytes);
        assertContent(gzip, gzipBytes);
        assertContent(zstd, zstdBytes);
        assertThat(listed()).containsOnlyKeys(gzip, zstd);
        assertThat(store.delete(zstd)).isTrue();
        assertAbsent(zstd);
        assertContent(gzip, gzipBytes);
        assertThat(listed()).containsOnlyKeys(gzip);
    }

    /**
     * Closing a writer without committing leaves nothing behind, and the key can be written again.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void closingWithoutCommitLeavesNothing() throws IOException {
        BundleKey key = BundleKeys.random();
        try (BundleWriter writer = store.create(key)) {
            new PseudoRandomBytes(11, FIVE_MIB_PLUS_ONE).writeTo(writer.stream());
        }
        assertAbsent(key);
        PseudoRandomBytes data = new PseudoRandomBytes(12, 1000);
        put(key, data);
        assertContent(key, data);
    }

    /**
     * A writer whose producer fails midway publishes nothing, and the bundle it would have replaced stays
     * whole.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void aWriterThatFailsMidwayLeavesThePreviousBundle() throws IOException {
        BundleKey key = BundleKeys.random();
        PseudoRandomBytes old = new PseudoRandomBytes(13, 2000);
        BundleInfo oldInfo = put(key, old);
        BundleKey fresh = BundleKeys.random();
        for (BundleKey k : List.of(key, fresh)) {
            assertThatThrownBy(() -> {
                try (BundleWriter writer = store.create(k)) {
                    new PseudoRandomBytes(14, FIVE_MIB_PLUS_ONE).writeTo(writer.stream());
                    throw new IOException("the cooker failed");
                }
            }).hasMessage("the cooker failed");
        }
        assertThat(store.stat(key)).contains(oldInfo);
        assertContent(key, old);
        assertAbsent(fresh);
    }

    /**
     * Committing replaces the bundle held under the same key.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void commitReplacesThePreviousBundle() throws IOException {
        BundleKey key = BundleKeys.random();
        put(key, new PseudoRandomBytes(15, 3000));
        PseudoRandomBytes second = new PseudoRandomBytes(16, 1000);
        BundleInfo info = put(key, second);
        assertThat(store.stat(key)).contains(info);
        assertContent(key, second);
        assertThat(listed()).containsOnlyKeys(key);
    }

    /**
     * Closing a committed writer, even twice, keeps the bundle.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void closingACommittedWriterKeepsTheBundle() throws IOException {
        BundleKey key = BundleKeys.random();
        PseudoRandomBytes data = new PseudoRandomBytes(17, 5000);
        BundleWriter writer = store.create(key);
        data.writeTo(writer.stream());
        writer.commit();
        writer.close();
        writer.close();
        assertContent(key, data);
    }

    /**
     * Writers racing on one key leave exactly one of their bundles, whole; readers meanwhile see either no
     * bundle or a whole one. A losing writer's commit may fail or succeed.
     *
     * @throws Exception if the store fails
     */
    @Test
    public void concurrentWritersOfOneKeyLeaveExactlyOneWholeBundle() throws Exception {
        BundleKey key = BundleKeys.random();
        int writers = 4;
        List<PseudoRandomBytes> candidates = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            candidates.add(new PseudoRandomBytes(100 + i, FIVE_MIB_PLUS_ONE + 4096L * i));
        }
        Map<String, PseudoRandomBytes> bySha = candidates.stream()
                .collect(Collectors.toMap(PseudoRandomBytes::sha256, Function.identity()));
        CyclicBarrier beforeCommit = new CyclicBarrier(writers);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        Set<PseudoRandomBytes> committed;
        try {
            Future<Integer> reads = pool.submit(() -> readWholeBundlesWhile(writing, key, bySha.keySet()));
            List<Future<Optional<PseudoRandomBytes>>> commits = new ArrayList<>();
            for (PseudoRandomBytes data : candidates) {
                commits.add(pool.submit(() -> writeAndCommitTogether(key, data, beforeCommit)));
            }
            committed = new HashSet<>();
            for (Future<Optional<PseudoRandomBytes>> commit : commits) {
                commit.get(2, TimeUnit.MINUTES).ifPresent(committed::add);
            }
            writing.set(false);
            reads.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(committed).as("writers whose commit succeeded").isNotEmpty();
        BundleInfo info = store.stat(key).orElseThrow(() -> new AssertionError("no bundle after the race"));
        String sha;
        try (InputStream in = store.open(key)) {
            sha = PseudoRandomBytes.sha256Of(in);
        }
        assertThat(bySha).as("the bundle left is one writer's, whole").containsKey(sha);
        assertThat(committed).as("the bundle left is from a writer whose commit succeeded").contains(bySha.get(sha));
        assertThat(info.size()).isEqualTo(bySha.get(sha).size());
        info.sha256().ifPresent(recorded -> assertThat(recorded).isEqualTo(sha));
        assertThat(store.verify(key)).isTrue();
        assertThat(listed()).containsOnlyKeys(key);
    }

    /**
     * Writers of different keys working at the same time all publish their bundles.
     *
     * @throws Exception if the store fails
     */
    @Test
    public void concurrentWritersOfDifferentKeysAllPublish() throws Exception {
        int writers = 8;
        List<Callable<BundleInfo>> tasks = new ArrayList<>();
        List<BundleKey> keys = new ArrayList<>();
        List<PseudoRandomBytes> contents = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            BundleKey key = BundleKeys.random();
            PseudoRandomBytes data = new PseudoRandomBytes(200 + i, 10_000L * i);
            keys.add(key);
            contents.add(data);
            tasks.add(() -> put(key, data));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (Future<BundleInfo> done : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < writers; i++) {
            assertContent(keys.get(i), contents.get(i));
        }
        assertThat(listed()).containsOnlyKeys(keys.toArray(BundleKey[]::new));
    }

    /**
     * Deleting removes one bundle and reports whether there was one; other bundles stay.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void deleteRemovesOnlyThatBundle() throws IOException {
        BundleKey doomed = BundleKeys.random();
        BundleKey kept = BundleKeys.random();
        put(doomed, new PseudoRandomBytes(18, 4000));
        PseudoRandomBytes keptData = new PseudoRandomBytes(19, 4000);
        put(kept, keptData);
        assertThat(store.delete(doomed)).isTrue();
        assertAbsent(doomed);
        assertThat(store.delete(doomed)).as("second delete").isFalse();
        assertContent(kept, keptData);
        assertThat(listed()).containsOnlyKeys(kept);
    }

    /**
     * Listing returns each published bundle once with its size, and neither deleted bundles nor bundles
     * still being written.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void listReturnsEachPublishedBundleOnce() throws IOException {
        Map<BundleKey, BundleInfo> published = new HashMap<>();
        long seed = 30;
        for (BundleType type : BundleType.values()) {
            for (long size : new long[] {0, 1, 70_000}) {
                BundleKey key = BundleKeys.random(type);
                published.put(key, put(key, new PseudoRandomBytes(seed++, size)));
                if (BundleCompression.ZSTD.appliesTo(type)) {
                    BundleKey zstd = new BundleKey(type, key.swhid(), BundleCompression.ZSTD);
                    published.put(zstd, put(zstd, new PseudoRandomBytes(seed++, size)));
                }
            }
        }
        BundleKey deleted = BundleKeys.random();
        put(deleted, new PseudoRandomBytes(seed++, 10));
        store.delete(deleted);
        try (BundleWriter pending = store.create(BundleKeys.random())) {
            new PseudoRandomBytes(seed, 10_000).writeTo(pending.stream());
            List<BundleInfo> all;
            try (Stream<BundleInfo> listing = store.list()) {
                all = listing.toList();
            }
            assertThat(all).extracting(BundleInfo::key).doesNotHaveDuplicates();
            assertThat(all).extracting(BundleInfo::key).containsExactlyInAnyOrderElementsOf(published.keySet());
            for (BundleInfo info : all) {
                BundleInfo expected = published.get(info.key());
                assertThat(info.size()).as("listed size of %s", info.key()).isEqualTo(expected.size());
                info.sha256().ifPresent(sha -> assertThat(Optional.of(sha)).as("listed sha256 of %s", info.key())
                        .isEqualTo(expected.sha256()));
            }
        }
    }

    /**
     * Verifying finds bytes that changed after they were published.
     *
     * @throws Exception if the store fails
     */
    @Test
    public void verifyDetectsDamagedBytes() throws Exception {
        BundleKey key = BundleKeys.random();
        put(key, new PseudoRandomBytes(20, 10_000));
        assertThat(store.verify(key)).as("verify before damage").isTrue();
        corrupt(store, key);
        assertThat(store.verify(key)).as("verify after damage").isFalse();
    }

    /**
     * A download URL, when the store signs one, serves the bundle's bytes.
     *
     * @throws IOException if the store fails
     */
    @Test
    public void aDownloadUrlServesTheBundle() throws IOException {
        BundleKey key = BundleKeys.random();
        PseudoRandomBytes data = new PseudoRandomBytes(21, 100_000);
        put(key, data);
        Optional<URI> url = store.downloadUrl(key, Duration.ofMinutes(5));
        Assumptions.assumeTrue(url.isPresent(), "the store signs no download URLs");
        try (InputStream in = url.get().toURL().openStream()) {
            assertThat(data.mismatch(in)).as("first byte that differs from the bundle").isEqualTo(-1);
        }
    }

    private void roundTrip(long size) throws IOException {
        BundleKey key = BundleKeys.random();
        PseudoRandomBytes data = new PseudoRandomBytes(size, size);
        BundleInfo committed;
        try (BundleWriter writer = store.create(key)) {
            data.writeTo(writer.stream());
            assertAbsent(key);
            committed = writer.commit();
        }
        assertThat(committed.key()).isEqualTo(key);
        assertThat(committed.size()).isEqualTo(size);
        committed.sha256().ifPresent(sha -> assertThat(sha).isEqualTo(data.sha256()));
        assertThat(store.stat(key)).as("stat after commit").contains(committed);
        assertContent(key, data);
    }

    private BundleInfo put(BundleKey key, PseudoRandomBytes data) throws IOException {
        try (BundleWriter writer = store.create(key)) {
            data.writeTo(writer.stream());
            return writer.commit();
        }
    }

    private Optional<PseudoRandomBytes> writeAndCommitTogether(BundleKey key, PseudoRandomBytes data,
            CyclicBarrier beforeCommit) throws Exception {
        try (BundleWriter writer = store.create(key)) {
            data.writeTo(writer.stream());
            beforeCommit.await(2, TimeUnit.MINUTES);
            try {
                writer.commit();
                return Optional.of(data);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /** Reads the whole bundle again and again; each read must be absent or one writer's whole bundle. */
    private int readWholeBundlesWhile(AtomicBoolean writing, BundleKey key, Set<String> wholeBundles)
            throws IOException {
        int reads = 0;
        while (writing.get()) {
            try (InputStream in = store.open(key)) {
                assertThat(wholeBundles).as("sha256 of a bundle read during the race").contains(
                        PseudoRandomBytes.sha256Of(in));
                reads++;
            } catch (NoSuchFileException e) {
                Thread.onSpinWait();
            }
        }
        return reads;
    }

    private void assertContent(BundleKey key, PseudoRandomBytes data) throws IOException {
        BundleInfo info = store.stat(key).orElseThrow(() -> new AssertionError("stat found no bundle " + key));
        assertThat(info.size()).as("size of %s", key).isEqualTo(data.size());
        info.sha256().ifPresent(sha -> assertThat(sha).as("sha256 of %s", key).matches("[0-9a-f]{64}")
                .isEqualTo(data.sha256()));
        try (InputStream in = store.open(key)) {
            assertThat(data.mismatch(in)).as("first byte of %s that differs", key).isEqualTo(-1);
        }
        assertThat(store.verify(key)).as("verify %s", key).isTrue();
    }

    private void assertAbsent(BundleKey key) throws IOException {
        assertThat(store.stat(key)).as("stat of %s", key).isEmpty();
        assertThatThrownBy(() -> store.open(key)).as("open %s", key).isInstanceOf(NoSuchFileException.class);
        assertThat(listed()).as("listing").doesNotContainKey(key);
    }

    private void assertRange(BundleKey key, PseudoRandomBytes data, long offset, long length) throws IOException {
        byte[] expected = data.slice(offset, length);
        byte[] actual;
        try (InputStream in = store.open(key, offset, length)) {
            actual = in.readAllBytes();
        }
        assertThat(actual.length).as("length of range %d+%d", offset, length).isEqualTo(expected.length);
        assertThat(Arrays.mismatch(actual, expected)).as("first differing byte of range %d+%d", offset, length)
                .isEqualTo(-1);
    }

    private Map<BundleKey, BundleInfo> listed() throws IOException {
        try (Stream<BundleInfo> listing = store.list()) {
            return listing.collect(Collectors.toMap(BundleInfo::key, Function.identity(), (a, b) -> {
                throw new AssertionError("list() returned " + a.key() + " twice");
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
