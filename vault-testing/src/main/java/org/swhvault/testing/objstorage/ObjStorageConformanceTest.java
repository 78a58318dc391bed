package org.swhvault.testing.objstorage;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.testing.PseudoRandomBytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ObjStorage} promises, as JUnit 5 tests. To run it against your objstorage,
 * extend this class in your test sources and implement {@link #newObjStorage()}:
 *
 * <pre>{@code
 * class MyObjStorageConformanceTest extends ObjStorageConformanceTest {
 *     @TempDir Path dir;
 *
 *     @Override
 *     protected ObjStorage newObjStorage() {
 *         return MyObjStorage.open(dir);
 *     }
 * }
 * }</pre>
 *
 * <p>Depend on {@code org.swhvault:vault-testing} in test scope, next to {@code junit-jupiter}, and name the
 * subclass so that your test runner picks it up (Surefire: {@code *Test}).
 *
 * <p>Each test gets a new, empty objstorage and closes it afterwards. The contents it adds have every hash
 * (sha1, sha256 and the intrinsic id), so a back end keyed by any of them works. They are 0 B, 1 B, 4 KiB,
 * 8 MiB + 1 of pseudo-random bytes, which do not compress, and 32 MiB of a repeated line, which compresses
 * a thousandfold; they are streamed, never held in memory. Override
 * {@link #corrupt(ObjStorage, ContentHashes)} so that damaged stored bytes are tested too.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class ObjStorageConformanceTest {
    /** The size of the largest pseudo-random content: 8 MiB + 1 byte. */
    protected static final long EIGHT_MIB_PLUS_ONE = 8L * 1024 * 1024 + 1;
    /** The size of the content that compresses well: 32 MiB. */
    protected static final long THIRTY_TWO_MIB = 32L * 1024 * 1024;

    private ObjStorage objStorage;

    /** Creates the suite; subclasses call this implicitly. */
    protected ObjStorageConformanceTest() {
    }

    /**
     * Creates the objstorage under test. Called before every test.
     *
     * @return a new objstorage that holds no content; the suite closes it after the test
     * @throws Exception if the objstorage cannot be created, which fails the test
     */
    protected abstract ObjStorage newObjStorage() throws Exception;

    /**
     * Changes the stored bytes of a content, as a failing disk or a bad copy would: afterwards the content
     * must still be found, but its bytes must not be the ones added. The default skips the test that needs
     * it.
     *
     * @param objStorage the objstorage under test
     * @param hashes a content it holds, at least 1 KiB long
     * @throws Exception if the bytes cannot be damaged, which fails the test
     */
    protected void corrupt(ObjStorage objStorage, ContentHashes hashes) throws Exception {
        Assumptions.abort(getClass().getSimpleName() + " does not override corrupt(ObjStorage, ContentHashes)");
    }

    /**
     * Returns the objstorage of the running test.
     *
     * @return what {@link #newObjStorage()} returned for this test
     */
    protected final ObjStorage objStorage() {
        return objStorage;
    }

    /**
     * Creates the objstorage of the next test.
     *
     * @throws Exception if {@link #newObjStorage()} fails
     */
    @BeforeEach
    protected final void openObjStorage() throws Exception {
        objStorage = newObjStorage();
        assertThat(objStorage).as("newObjStorage()").isNotNull();
    }

    /** Closes the objstorage of the test that ran. */
    @AfterEach
    protected final void closeObjStorage() {
        if (objStorage != null) {
            objStorage.close();
        }
    }

    /** An empty content round-trips. */
    @Test
    public void roundTripOfAnEmptyContent() {
        roundTrip(Sample.random(1, 0));
    }

    /** A one-byte content round-trips. */
    @Test
    public void roundTripOfOneByte() {
        roundTrip(Sample.random(2, 1));
    }

    /** A 4 KiB content round-trips. */
    @Test
    public void roundTripOfFourKibibytes() {
        roundTrip(Sample.random(3, 4096));
    }

    /** An 8 MiB + 1 content of pseudo-random bytes round-trips. */
    @Test
    public void roundTripOfEightMebibytesOfRandomBytes() {
        roundTrip(Sample.random(4, EIGHT_MIB_PLUS_ONE));
    }

    /** A 32 MiB content that compresses a thousandfold round-trips. */
    @Test
    public void roundTripOfThirtyTwoMebibytesThatCompressWell() {
        roundTrip(Sample.repeated("All work and no play makes Jack a dull boy.\n", THIRTY_TWO_MIB));
    }

    /** Adding a content the objstorage holds already changes nothing. */
    @Test
    public void addingAContentTwiceKeepsIt() {
        Sample sample = Sample.random(5, 10_000);
        add(sample);
        add(sample);
        assertHolds(sample);
    }

    /** A content never added is neither contained nor opened, whatever else the objstorage holds. */
    @Test
    public void contentsNeverAddedAreNotFound() {
        Sample held = Sample.random(6, 100);
        add(held);
        for (Sample other : List.of(Sample.random(7, 100), Sample.random(8, 0))) {
            assertThat(objStorage.contains(other.hashes())).as("contains %s", other).isFalse();
            assertThat(objStorage.open(other.hashes())).as("open %s", other).isEmpty();
        }
        assertHolds(held);
    }

    /**
     * Bytes handed to {@code add} that do not match the hashes handed with them (other bytes of the same
     * length, one byte fewer, one byte more) are refused as corrupt and leave nothing; the right bytes are
     * added afterwards.
     */
    @Test
    public void addRefusesBytesThatDoNotMatchTheirHashes() {
        Sample sample = Sample.random(9, 5000);
        PseudoRandomBytes same = new PseudoRandomBytes(9, 5000);
        List<Supplier<InputStream>> wrong = List.of(
                () -> new PseudoRandomBytes(10, 5000).openStream(),
                () -> new PseudoRandomBytes(9, 4999).openStream(),
                () -> new PseudoRandomBytes(9, 5001).openStream(),
                () -> {
                    byte[] flipped = same.slice(0, 5000);
                    flipped[4999] ^= 1;
                    return new ByteArrayInputStream(flipped);
                });
        for (Supplier<InputStream> data : wrong) {
            assertThatThrownBy(() -> objStorage.add(sample.hashes(), data.get())).as("adding wrong bytes")
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT));
            assertThat(objStorage.contains(sample.hashes())).as("contains after a refused add").isFalse();
            assertThat(objStorage.open(sample.hashes())).as("open after a refused add").isEmpty();
        }
        add(sample);
        assertHolds(sample);
    }

    /** {@code add} reads the bytes it is given but leaves closing them to the caller. */
    @Test
    public void addDoesNotCloseTheBytesItIsGiven() {
        Sample sample = Sample.random(11, 3000);
        AtomicBoolean closed = new AtomicBoolean();
        objStorage.add(sample.hashes(), new FilterInputStream(sample.open().get()) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        });
        assertThat(closed).as("closed by add").isFalse();
        assertHolds(sample);
    }

    /**
     * Stored bytes that changed after they were added are found out: reading to the end throws
     * {@link ErrorCode#CORRUPT_OBJECT}, and so does reading exactly the content's length, without asking for
     * the end.
     *
     * @throws Exception if the bytes cannot be damaged
     */
    @Test
    public void damagedStoredBytesAreReportedAsCorrupt() throws Exception {
        Sample sample = Sample.random(12, 100_000);
        add(sample);
        corrupt(objStorage, sample.hashes());
        assertThat(objStorage.contains(sample.hashes())).as("contains after damage").isTrue();
        assertCorruptWhenRead(sample, InputStream::readAllBytes);
        assertCorruptWhenRead(sample, in -> in.readNBytes((int) sample.size()));
    }

    /** Reads of any shape (byte by byte, odd lengths, a stop half-way) return the content's bytes. */
    @Test
    public void readsOfAnyShapeReturnTheContent() throws IOException {
        Sample sample = Sample.random(13, 200_000);
        add(sample);
        PseudoRandomBytes bytes = new PseudoRandomBytes(13, 200_000);
        try (InputStream in = open(sample)) {
            for (int i = 0; i < 1000; i++) {
                assertThat(in.read()).as("byte %d", i).isEqualTo(bytes.byteAt(i) & 0xff);
            }
            byte[] buffer = new byte[7919];
            byte[] expected = bytes.slice(1000, 7919);
            assertThat(in.readNBytes(buffer, 0, buffer.length)).isEqualTo(buffer.length);
            assertThat(buffer).isEqualTo(expected);
        }
        try (InputStream in = open(sample)) {
            assertThat(in.readNBytes(100_000)).isEqualTo(bytes.slice(0, 100_000));
        }
        try (InputStream in = open(sample)) {
            assertThat(bytes.mismatch(in)).as("first differing byte").isEqualTo(-1);
            assertThat(in.read()).as("a read after the end").isEqualTo(-1);
        }
    }

    /**
     * Many threads reading the same contents at once all see the whole contents.
     *
     * @throws Exception if a reader fails
     */
    @Test
    public void concurrentReadersAllSeeTheWholeContents() throws Exception {
        List<Sample> samples = List.of(Sample.random(14, EIGHT_MIB_PLUS_ONE / 2), Sample.random(15, 50_000),
                Sample.repeated("0123456789abcdef", 4L * 1024 * 1024));
        samples.forEach(this::add);
        int readers = 8;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            int first = r;
            tasks.add(() -> {
                for (int i = 0; i < 3; i++) {
                    assertHolds(samples.get((first + i) % samples.size()));
                }
                return 3;
            });
        }
        runAll(tasks, readers);
    }

    /**
     * Threads adding the same content at once all succeed, and leave it whole.
     *
     * @throws Exception if an adder fails
     */
    @Test
    public void concurrentAddersOfOneContentLeaveItWhole() throws Exception {
        Sample sample = Sample.random(16, EIGHT_MIB_PLUS_ONE / 2);
        int adders = 4;
        CyclicBarrier start = new CyclicBarrier(adders);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int a = 0; a < adders; a++) {
            tasks.add(() -> {
                start.await(1, TimeUnit.MINUTES);
                add(sample);
                return 1;
            });
        }
        runAll(tasks, adders);
        assertHolds(sample);
    }

    /** What a test reads: a content's bytes, streamed, with their hashes. */
    private record Sample(String name, long size, Supplier<InputStream> open, ContentHashes hashes) {
        static Sample random(long seed, long size) {
            PseudoRandomBytes bytes = new PseudoRandomBytes(seed, size);
            return of(size + " pseudo-random bytes (seed " + seed + ")", size, bytes::openStream);
        }

        static Sample repeated(String line, long size) {
            byte[] unit = line.getBytes(StandardCharsets.US_ASCII);
            Supplier<InputStream> open = () -> new InputStream() {
                private long position;

                @Override
                public int read() {
                    return position < size ? unit[(int) (position++ % unit.length)] : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position >= size) {
                        return len == 0 ? 0 : -1;
                    }
                    int n = (int) Math.min(len, size - position);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = unit[(int) (position++ % unit.length)];
                    }
                    return n;
                }
            };
            return of(size + " bytes of '" + line.strip() + "' repeated", size, open);
        }

        private static Sample of(String name, long size, Supplier<InputStream> open) {
            try (InputStream in = open.get()) {
                ContentHashes hashes = ContentHasher.create(EnumSet.of(ContentHasher.Algorithm.SHA1,
                        ContentHasher.Algorithm.SHA256)).hash(in, size);
                return new Sample(name, size, open, hashes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Reads a stream the way one test does. */
    private interface Reading {
        Object read(InputStream in) throws IOException;
    }

    private void roundTrip(Sample sample) {
        assertThat(objStorage.contains(sample.hashes())).as("contains before add").isFalse();
        add(sample);
        assertHolds(sample);
    }

    private void add(Sample sample) {
        try (InputStream in = sample.open().get()) {
            objStorage.add(sample.hashes(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(Sample sample) {
        Optional<InputStream> in = objStorage.open(sample.hashes());
        assertThat(in).as("open %s", sample).isPresent();
        return in.get();
    }

    private void assertHolds(Sample sample) {
        assertThat(objStorage.contains(sample.hashes())).as("contains %s", sample).isTrue();
        try (InputStream actual = open(sample); InputStream expected = sample.open().get()) {
            byte[] a = new byte[64 * 1024];
            byte[] e = new byte[64 * 1024];
            long position = 0;
            while (true) {
                int n = actual.readNBytes(a, 0, a.length);
                int m = expected.readNBytes(e, 0, n == 0 ? 1 : n);
                assertThat(n).as("bytes of %s read at %d", sample, position).isEqualTo(m);
                if (n == 0) {
                    break;
                }
                assertThat(Arrays.mismatch(a, 0, n, e, 0, n)).as("first differing byte of %s after %d",
                        sample, position).isEqualTo(-1);
                position += n;
            }
            assertThat(position).as("length of %s", sample).isEqualTo(sample.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertCorruptWhenRead(Sample sample, Reading reading) {
        assertThatThrownBy(() -> {
            try (InputStream in = open(sample)) {
                reading.read(in);
            }
        }).as("reading damaged %s", sample).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT));
    }

    private static void runAll(List<Callable<Integer>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                done.add(pool.submit(task));
            }
            for (Future<Integer> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
