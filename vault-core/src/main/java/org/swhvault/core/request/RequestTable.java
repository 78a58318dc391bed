package org.swhvault.core.request;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;

import static java.util.Objects.requireNonNull;

/**
 * The rows and batches of a request store held in memory, with compare-and-set updates. Every change is
 * handed to a {@link ChangeLog} before it is applied, under the table's lock, so a journal sees changes
 * in the order they take effect and a change whose logging failed is not applied. Reads take no lock.
 */
final class RequestTable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTable.class);

    /** Receives every change before it is applied. */
    interface ChangeLog {
        /**
         * Records a change.
         *
         * @param change the change
         * @param durable whether it must survive a power loss before the call returns
         */
        void append(Change change, boolean durable) throws IOException;

        /** Returns once every change appended so far survives a power loss. The default does nothing. */
        default void sync() throws IOException {
        }
    }

    private final Map<BundleKey, BundleRequest> byKey = new ConcurrentHashMap<>();
    private final Map<Long, BundleRequest> byId = new ConcurrentSkipListMap<>();
    private final Map<Long, List<BundleKey>> batches = new ConcurrentHashMap<>();
    /** Rows logged but not committed, by key: invisible, and their keys taken. Guarded by this. */
    private final Map<BundleKey, BundleRequest> creating = new HashMap<>();
    private final ChangeLog log;
    private final String description;
    private long nextRequestId = 1;
    private long nextBatchId = 1;

    RequestTable(ChangeLog log, String description) {
        this.log = requireNonNull(log, "log is null");
        this.description = requireNonNull(description, "description is null");
    }

    BundleRequest createIfAbsent(BundleKey key, Instant now) {
        requireNonNull(key, "key is null");
        requireNonNull(now, "now is null");
        BundleRequest existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            awaitNotCreating(key);
            existing = byKey.get(key);
            if (existing != null) {
                return existing;
            }
            BundleRequest row = BundleRequest.create(nextRequestId, key, now);
            write(new Change.PutRow(row), true);
            apply(new Change.PutRow(row));
            return row;
        }
    }

    /**
     * Returns the row {@code key} has, or runs {@code beforeCreating} (outside the table's lock: it may be slow)
     * and {@linkplain #beginCreate begins} to create it: the stores' {@code RequestStore.beginCreate}.
     */
    RowCreation lookUpOrBeginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
            Runnable beforeCreating, Runnable afterCommit) {
        Optional<BundleRequest> existing = get(key);
        if (existing.isPresent()) {
            return RowCreation.stored(existing.get());
        }
        beforeCreating.run();
        return beginCreate(key, now, initial, afterCommit);
    }

    /**
     * Logs a new row for {@code key} as {@code initial} makes it, not durably, and keeps it out of sight until
     * {@link RowCreation#commit()} syncs the log; or returns the row the key has, once any other creation of it
     * in flight is over. {@code afterCommit} runs after a commit, outside the table's lock.
     */
    synchronized RowCreation beginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
            Runnable afterCommit) {
        requireNonNull(key, "key is null");
        requireNonNull(now, "now is null");
        awaitNotCreating(key);
        BundleRequest existing = byKey.get(key);
        if (existing != null) {
            return RowCreation.stored(existing);
        }
        BundleRequest fresh = BundleRequest.create(nextRequestId, key, now);
        BundleRequest row = initial.apply(fresh);
        if (row.id() != fresh.id() || !row.key().equals(key) || row.version() != 0) {
            throw new IllegalArgumentException("initial must keep the id, key and version of the row: " + fresh.id()
                    + " " + key + " vs " + row.id() + " " + row.key());
        }
        write(new Change.PutRow(row), false);
        nextRequestId++;
        creating.put(key, row);
        return new Creation(row, afterCommit);
    }

    /** A row logged by {@link #beginCreate} and not yet committed or aborted. */
    private final class Creation implements RowCreation {
        private final BundleRequest row;
        private final Runnable afterCommit;
        private boolean ended;

        Creation(BundleRequest row, Runnable afterCommit) {
            this.row = row;
            this.afterCommit = afterCommit;
        }

        @Override
        public BundleRequest row() {
            return row;
        }

        @Override
        public void commit() {
            synchronized (RequestTable.this) {
                if (ended) {
                    return;
                }
                ended = true;
                try {
                    log.sync();
                } catch (IOException e) {
                    discard();
                    throw new VaultException(ErrorCode.STORE_FAILURE, "The request store " + description
                            + " could not record a change: " + e.getMessage(), e);
                }
                creating.remove(row.key());
                apply(new Change.PutRow(row));
                RequestTable.this.notifyAll();
            }
            afterCommit.run();
        }

        @Override
        public void abort() {
            synchronized (RequestTable.this) {
                if (!ended) {
                    ended = true;
                    discard();
                }
            }
        }

        /** Takes the logged row back: a replay deletes it again. */
        private void discard() {
            creating.remove(row.key());
            RequestTable.this.notifyAll();
            try {
                log.append(new Change.DeleteRow(row.id()), false);
            } catch (IOException e) {
                // replayed, the row is a claim nobody renews: taken over when the store opens again
                LOG.warn("The request store {} could not take back request {}: {}", description, row.id(),
                        e.getMessage());
            }
        }
    }

    /** Waits while a creation of {@code key} is in flight. */
    private void awaitNotCreating(BundleKey key) {
        boolean interrupted = false;
        while (creating.containsKey(key)) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Optional<BundleRequest> get(BundleKey key) {
        return Optional.ofNullable(byKey.get(requireNonNull(key, "key is null")));
    }

    Optional<BundleRequest> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized Optional<BundleRequest> compareAndSet(BundleRequest expected, BundleRequest updated) {
        requireNonNull(expected, "expected is null");
        requireNonNull(updated, "updated is null");
        if (updated.id() != expected.id() || !updated.key().equals(expected.key())) {
            throw new IllegalArgumentException("updated row " + updated.id() + " " + updated.key()
                    + " is not row " + expected.id() + " " + expected.key());
        }
        BundleRequest current = byId.get(expected.id());
        if (current == null || current.version() != expected.version()) {
            return Optional.empty();
        }
        BundleRequest stored = updated.toBuilder().version(expected.version() + 1).build();
        write(new Change.PutRow(stored), mustBeDurable(current, stored));
        apply(new Change.PutRow(stored));
        return Optional.of(stored);
    }

    synchronized boolean delete(BundleRequest expected) {
        requireNonNull(expected, "expected is null");
        BundleRequest current = byId.get(expected.id());
        if (current == null || current.version() != expected.version()) {
            return false;
        }
        write(new Change.DeleteRow(expected.id()), true);
        apply(new Change.DeleteRow(expected.id()));
        return true;
    }

    List<BundleRequest> list(RequestState state) {
        requireNonNull(state, "state is null");
        List<BundleRequest> rows = new ArrayList<>();
        for (BundleRequest row : byId.values()) {
            if (row.state() == state) {
                rows.add(row);
            }
        }
        return rows;
    }

    synchronized long createBatch(List<BundleKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one bundle");
        }
        Change.PutBatch batch = new Change.PutBatch(nextBatchId, keys);
        write(batch, true);
        apply(batch);
        return batch.id();
    }

    Optional<List<BundleKey>> batch(long id) {
        return Optional.ofNullable(batches.get(id));
    }

    /** Applies a change without logging it: for replaying a journal, and after logging. */
    synchronized void apply(Change change) {
        if (change instanceof Change.PutRow put) {
            BundleRequest row = put.row();
            BundleRequest old = byId.put(row.id(), row);
            if (old != null && !old.key().equals(row.key())) {
                byKey.remove(old.key());
            }
            BundleRequest sameKey = byKey.put(row.key(), row);
            if (sameKey != null && sameKey.id() != row.id()) {
                byId.remove(sameKey.id());
            }
            nextRequestId = Math.max(nextRequestId, row.id() + 1);
        } else if (change instanceof Change.DeleteRow delete) {
            BundleRequest old = byId.remove(delete.id());
            if (old != null) {
                byKey.remove(old.key());
            }
        } else if (change instanceof Change.PutBatch batch) {
            batches.put(batch.id(), batch.keys());
            nextBatchId = Math.max(nextBatchId, batch.id() + 1);
        } else if (change instanceof Change.Counters counters) {
            nextRequestId = Math.max(nextRequestId, counters.nextRequestId());
            nextBatchId = Math.max(nextBatchId, counters.nextBatchId());
        }
    }

    /** Returns the changes that rebuild this table from nothing, counters first. */
    synchronized List<Change> snapshot() {
        List<Change> changes = new ArrayList<>(1 + byId.size() + batches.size());
        changes.add(new Change.Counters(nextRequestId, nextBatchId));
        for (BundleRequest row : byId.values()) {
            changes.add(new Change.PutRow(row));
        }
        for (BundleRequest row : creating.values()) {
            changes.add(new Change.PutRow(row)); // an abort or a failed commit logs its deletion
        }
        batches.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> changes.add(new Change.PutBatch(e.getKey(), e.getValue())));
        return changes;
    }

    synchronized int rowCount() {
        return byId.size();
    }

    private void write(Change change, boolean durable) {
        try {
            log.append(change, durable);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.STORE_FAILURE,
                    "The request store " + description + " could not record a change: " + e.getMessage(), e);
        }
    }

    /**
     * What a user was told must survive a power cut: a request reaching or leaving done or failed,
     * notification addresses, the sticky flag. The worker's own steps (new to pending and back, leases,
     * progress, retry times, access times) are written too but not synced: a killed process loses nothing
     * the kernel holds, and after a power cut an older value is harmless (a request pending again is taken
     * over, a new one cooked).
     */
    private static boolean mustBeDurable(BundleRequest before, BundleRequest after) {
        boolean finalChange = before.state() != after.state() && (before.state().isFinal() || after.state().isFinal());
        return finalChange
                || before.sticky() != after.sticky()
                || !before.notifyEmails().equals(after.notifyEmails());
    }
}
