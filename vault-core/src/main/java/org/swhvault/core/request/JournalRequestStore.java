package org.swhvault.core.request;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;

import static java.util.Objects.requireNonNull;

/**
 * A durable {@link RequestStore} for one process: the rows live in memory and every change is appended to
 * a journal file in a directory of its own before it takes effect. New requests, requests becoming or
 * ceasing to be done or failed, notification addresses, the sticky flag, deletions and batches are fsynced
 * before the call returns (a request begun with {@link #beginCreate}: before its commit returns, and it is
 * seen only then). A worker's own steps (claiming a request, its lease, progress, retry times,
 * access times) are written at once but not fsynced: a killed process loses none of them, and after a power
 * cut an older value is harmless (a request pending again is taken over). After a crash, even
 * {@code kill -9} in the middle of a write, {@link #open(Path)} replays the journal and ignores a last record
 * cut short. The journal is compacted (rewritten with only the live rows, atomically) when it has grown well
 * past their size.
 *
 * <p>The directory is locked while the store is open: a second store on it, in this process or another,
 * is refused. Thread-safe. Every method may throw {@link VaultException} with
 * {@link ErrorCode#STORE_FAILURE} when the file cannot be written; the change is then not applied.
 */
public final class JournalRequestStore implements RequestStore {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRequestStore.class);
    static final long MIN_COMPACTION_SIZE = 1 << 20;

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RequestTable table;
    private final long minCompactionSize;
    private JournalFile journal;
    private long compactAt;
    private volatile boolean closed;

    private JournalRequestStore(Path directory, FileChannel lockChannel, FileLock lock, long minCompactionSize) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.minCompactionSize = minCompactionSize;
        this.table = new RequestTable(new RequestTable.ChangeLog() {
            @Override
            public void append(Change change, boolean durable) throws IOException {
                journal.append(change, durable);
            }

            @Override
            public void sync() throws IOException {
                journal.sync();
            }
        }, directory.toString());
    }

    /**
     * Opens the store in a directory, creating the directory and an empty journal if needed, and replays the
     * journal. Blocks while replaying.
     *
     * @param directory the directory the store owns (the vault's convention is {@code <store dir>/requests})
     * @return the open store; the caller closes it
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} if the directory is locked by another
     *     open store, or the journal cannot be read
     */
    public static JournalRequestStore open(Path directory) {
        return open(directory, MIN_COMPACTION_SIZE);
    }

    static JournalRequestStore open(Path directory, long minCompactionSize) {
        requireNonNull(directory, "directory is null");
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                throw new VaultException(ErrorCode.STORE_FAILURE, "The request journal in " + directory
                        + " is already in use by another vault; only one may open it at a time.");
            }
            JournalRequestStore store = new JournalRequestStore(directory, lockChannel, lock, minCompactionSize);
            store.journal = JournalFile.open(directory.resolve("journal"), store.table::apply);
            store.compactAt = Math.max(minCompactionSize, 4 * store.journal.size());
            LOG.debug("Opened request journal {} with {} requests", directory, store.table.rowCount());
            return store;
        } catch (IOException | RuntimeException e) {
            closeQuietly(lockChannel);
            if (e instanceof VaultException ve) {
                throw ve;
            }
            throw new VaultException(ErrorCode.STORE_FAILURE,
                    "Cannot open the request journal in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BundleRequest createIfAbsent(BundleKey key, Instant now) {
        checkOpen();
        BundleRequest row = table.createIfAbsent(key, now);
        compactIfLarge();
        return row;
    }

    /**
     * Appends the new row without an fsync and keeps it out of sight; {@link RowCreation#commit()} fsyncs the
     * journal and then shows it. The vault cooks meanwhile.
     */
    @Override
    public RowCreation beginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
            Runnable beforeCreating) {
        checkOpen();
        return table.lookUpOrBeginCreate(key, now, initial, beforeCreating, this::compactIfLarge);
    }

    @Override
    public Optional<BundleRequest> get(BundleKey key) {
        checkOpen();
        return table.get(key);
    }

    @Override
    public Optional<BundleRequest> get(long id) {
        checkOpen();
        return table.get(id);
    }

    @Override
    public Optional<BundleRequest> compareAndSet(BundleRequest expected, BundleRequest updated) {
        checkOpen();
        Optional<BundleRequest> stored = table.compareAndSet(expected, updated);
        compactIfLarge();
        return stored;
    }

    @Override
    public boolean delete(BundleRequest expected) {
        checkOpen();
        boolean deleted = table.delete(expected);
        compactIfLarge();
        return deleted;
    }

    @Override
    public List<BundleRequest> list(RequestState state) {
        checkOpen();
        return table.list(state);
    }

    @Override
    public long createBatch(List<BundleKey> keys) {
        checkOpen();
        long id = table.createBatch(keys);
        compactIfLarge();
        return id;
    }

    @Override
    public Optional<List<BundleKey>> batch(long id) {
        checkOpen();
        return table.batch(id);
    }

    /** Returns true: the directory lock keeps every other process out. */
    @Override
    public boolean isExclusive() {
        return true;
    }

    /** Closes the journal and releases the directory lock. Idempotent. */
    @Override
    public void close() {
        synchronized (table) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("Closing request journal {} failed", directory, e);
            }
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("Releasing the lock of request journal {} failed", directory, e);
            }
            closeQuietly(lockChannel);
        }
    }

    @Override
    public String toString() {
        return "JournalRequestStore[" + directory + "]";
    }

    /** Returns the journal's size in bytes, for tests of compaction. */
    long journalSize() {
        synchronized (table) {
            return journal.size();
        }
    }

    private void compactIfLarge() {
        synchronized (table) {
            if (closed || journal.size() < compactAt) {
                return;
            }
            long before = journal.size();
            try {
                journal.rewrite(table.snapshot());
            } catch (IOException e) {
                // The old journal is intact: rename is atomic. Try again after more growth.
                LOG.warn("Compacting request journal {} failed", directory, e);
                compactAt = 2 * before;
                return;
            }
            compactAt = Math.max(minCompactionSize, 4 * journal.size());
            LOG.debug("Compacted request journal {} from {} to {} bytes", directory, before, journal.size());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new VaultException(ErrorCode.STORE_FAILURE, "The request journal in " + directory + " is closed.");
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing {} failed", channel, e);
            }
        }
    }
}
