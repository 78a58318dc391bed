package org.swhvault.testing.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.testing.PseudoRandomBytes;

/** A store in memory, correct unless it is given flaws, which let tests check that the suite sees them. */
final class InMemoryBundleStore implements BundleStore {
    enum Flaw {
        /** Every write is published at once. */
        VISIBLE_BEFORE_COMMIT,
        /** A range reads to the end of the bundle whatever its length. */
        RANGE_IGNORES_LENGTH,
        /** verify() always says the bytes match. */
        VERIFY_ALWAYS_TRUE,
        /** Writers of one key share one temporary buffer, as a store with a fixed temporary file name would. */
        SHARED_TEMPORARY
    }

    private record Entry(byte[] bytes, BundleInfo info) {
    }

    private final Map<BundleKey, Entry> bundles = new ConcurrentHashMap<>();
    private final Map<BundleKey, ByteArrayOutputStream> temporaries = new ConcurrentHashMap<>();
    private final Set<Flaw> flaws;

    InMemoryBundleStore(Set<Flaw> flaws) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
    }

    @Override
    public BundleWriter create(BundleKey key) {
        if (flaws.contains(Flaw.SHARED_TEMPORARY)) {
            return writer(key, temporaries.computeIfAbsent(key, k -> new ByteArrayOutputStream()));
        }
        return writer(key, new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (flaws.contains(Flaw.VISIBLE_BEFORE_COMMIT)) {
                    publish(key, toByteArray());
                }
            }
        });
    }

    private BundleWriter writer(BundleKey key, ByteArrayOutputStream buffer) {
        return new BundleWriter() {
            @Override
            public OutputStream stream() {
                return buffer;
            }

            @Override
            public BundleInfo commit() {
                return publish(key, buffer.toByteArray());
            }

            @Override
            public void close() {
            }
        };
    }

    private BundleInfo publish(BundleKey key, byte[] bytes) {
        String sha = PseudoRandomBytes.sha256Of(new ByteArrayInputStream(bytes));
        BundleInfo info = new BundleInfo(key, bytes.length, Optional.of(sha), Instant.now());
        bundles.put(key, new Entry(bytes, info));
        return info;
    }

    @Override
    public Optional<BundleInfo> stat(BundleKey key) {
        return Optional.ofNullable(bundles.get(key)).map(Entry::info);
    }

    @Override
    public InputStream open(BundleKey key, long offset, long length) throws NoSuchFileException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        byte[] bytes = entry(key).bytes();
        int start = (int) Math.min(offset, bytes.length);
        int n = flaws.contains(Flaw.RANGE_IGNORES_LENGTH) ? bytes.length - start
                : (int) Math.min(length, bytes.length - start);
        return new ByteArrayInputStream(bytes, start, n);
    }

    @Override
    public boolean delete(BundleKey key) {
        return bundles.remove(key) != null;
    }

    @Override
    public Stream<BundleInfo> list() {
        return bundles.values().stream().map(Entry::info);
    }

    @Override
    public boolean verify(BundleKey key) throws NoSuchFileException {
        Entry entry = entry(key);
        return flaws.contains(Flaw.VERIFY_ALWAYS_TRUE) || PseudoRandomBytes.sha256Of(
                new ByteArrayInputStream(entry.bytes())).equals(entry.info().sha256().orElseThrow());
    }

    void corrupt(BundleKey key) throws NoSuchFileException {
        entry(key).bytes()[100] ^= 1;
    }

    private Entry entry(BundleKey key) throws NoSuchFileException {
        Entry entry = bundles.get(key);
        if (entry == null) {
            throw new NoSuchFileException(key.toString());
        }
        return entry;
    }
}
