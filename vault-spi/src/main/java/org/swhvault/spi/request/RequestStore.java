package org.swhvault.spi.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.swhvault.spi.store.BundleKey;

/**
 * Where the vault keeps its bundle requests and batches: one {@link BundleRequest} row per bundle, with a
 * stable id, changed only by compare-and-set on the row's version, so that several threads, or several
 * vaults sharing one store, never apply two conflicting changes. A SQL implementation maps each method
 * to one statement ({@code INSERT … ON CONFLICT DO NOTHING}, {@code UPDATE … WHERE id = ? AND version = ?},
 * …).
 *
 * <p>Implementations are thread-safe. All methods block. When the underlying storage fails, they throw
 * {@link org.swhvault.spi.VaultException} with {@link org.swhvault.spi.ErrorCode#STORE_FAILURE}; a change
 * that threw was not applied. A change that returned is durable if the implementation is.
 */
public interface RequestStore extends AutoCloseable {
    /**
     * Returns the row of a bundle, creating it if there is none: a new row gets the next id and is
     * {@link BundleRequest#create(long, BundleKey, Instant) fresh}. Concurrent calls for one key all get
     * the same row.
     *
     * @param key the bundle
     * @param now the creation time of a new row
     * @return the existing or new row
     */
    BundleRequest createIfAbsent(BundleKey key, Instant now);

    /**
     * Returns the row of a bundle, creating it if there is none as {@code initial} makes it of the
     * {@linkplain BundleRequest#create(long, BundleKey, Instant) fresh} row: a vault with room to cook creates
     * the request already claimed by one of its workers. {@code initial} keeps the id, key and version, and
     * may be called even when the row exists (its result is then dropped). Concurrent calls for one key all
     * get the same row; the one whose row was stored gets it as {@code initial} made it.
     *
     * <p>The default creates the fresh row, then applies {@code initial} with a compare-and-set while the row
     * is still new and unclaimed: two writes, between which other vaults may see new work. Stores that can
     * write the row as given in one statement override it, and then need not announce the row as new work
     * when it is not {@link RequestState#NEW}.
     *
     * @param key the bundle
     * @param now the creation time of a new row
     * @param initial what a new row is, given the fresh one
     * @return the existing or new row
     */
    default BundleRequest createIfAbsent(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial) {
        BundleRequest row = createIfAbsent(key, now);
        if (row.state() != RequestState.NEW || row.lease().isPresent() || row.attempts() != 0
                || row.retryAt().isPresent()) {
            return row;
        }
        BundleRequest wanted = initial.apply(row);
        if (wanted.id() != row.id() || !wanted.key().equals(row.key())) {
            throw new IllegalArgumentException("initial must keep the id and key of the row: " + row.id() + " "
                    + row.key() + " vs " + wanted.id() + " " + wanted.key());
        }
        return compareAndSet(row, wanted).or(() -> get(key)).orElse(row);
    }

    /**
     * Looks up the row of a bundle and, if there is none, begins to create it as {@code initial} makes it of
     * the {@linkplain BundleRequest#create(long, BundleKey, Instant) fresh} row (see
     * {@link #createIfAbsent(BundleKey, Instant, UnaryOperator)}), after {@code beforeCreating} ran: a vault
     * passes its check that the object exists, which thus runs only when the row is to be created, and whose
     * exception creates nothing and is thrown from here. The new row takes effect only once
     * {@link RowCreation#commit()} returns, so that a vault can start cooking while the store makes the claim
     * durable, and publish the bundle only after. Until then the new row is invisible, and other creations of
     * its bundle wait (see {@link RowCreation}).
     *
     * <p>The default looks the row up, runs {@code beforeCreating} and
     * {@linkplain #createIfAbsent(BundleKey, Instant, UnaryOperator) creates} the row at once: its creation is
     * already committed. Stores whose commit takes a while (an fsync, a database commit) override it to write
     * the row first and commit it in {@link RowCreation#commit()}; a store whose look-up is a round trip may
     * write first and look up only if the row exists.
     *
     * @param key the bundle
     * @param now the creation time of a new row
     * @param initial what a new row is, given the fresh one; it keeps the id, key and version
     * @param beforeCreating run before a new row is written, and only then
     * @return the existing row, or the new one to commit or abort
     */
    default RowCreation beginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
            Runnable beforeCreating) {
        Optional<BundleRequest> existing = get(key);
        if (existing.isPresent()) {
            return RowCreation.stored(existing.get());
        }
        beforeCreating.run();
        return RowCreation.stored(createIfAbsent(key, now, initial));
    }

    /**
     * Looks up the row of a bundle.
     *
     * @param key the bundle
     * @return the row, or empty if there is none
     */
    Optional<BundleRequest> get(BundleKey key);

    /**
     * Looks up a row by id.
     *
     * @param id the request's id
     * @return the row, or empty if there is none
     */
    Optional<BundleRequest> get(long id);

    /**
     * Replaces a row if nobody changed it since {@code expected} was read: succeeds only if the stored row
     * has the id and the version of {@code expected}. The stored row is {@code updated} with its version set
     * to {@code expected.version() + 1}.
     *
     * @param expected the row as read
     * @param updated the new values; its id and key must be those of {@code expected}
     * @return the row as now stored, or empty if the row changed or was deleted meanwhile
     * @throws IllegalArgumentException if {@code updated} has another id or key
     */
    Optional<BundleRequest> compareAndSet(BundleRequest expected, BundleRequest updated);

    /**
     * Deletes a row if nobody changed it since {@code expected} was read. A deleted bundle reads as never
     * requested; requesting it again creates a row with a new id.
     *
     * @param expected the row as read
     * @return true if it was deleted, false if it changed or was already gone
     */
    boolean delete(BundleRequest expected);

    /**
     * Lists the rows in one state.
     *
     * @param state the state
     * @return the rows, in id order
     */
    List<BundleRequest> list(RequestState state);

    /**
     * Records a batch of bundles requested together.
     *
     * @param keys the bundles, at least one
     * @return the batch's id, unique in this store, at least 1
     * @throws IllegalArgumentException if {@code keys} is empty
     */
    long createBatch(List<BundleKey> keys);

    /**
     * Looks up a batch.
     *
     * @param id the batch's id
     * @return its bundles in the order given, or empty if there is no such batch
     */
    Optional<List<BundleKey>> batch(long id);

    /**
     * Returns whether this store is used by this process alone (for example because it holds a file
     * lock). A vault starting on an exclusive store knows that every pending row is an orphan of a previous
     * run and takes it over at once instead of waiting for its lease to run out. The default is false.
     *
     * @return true if no other process can use the store at the same time
     */
    default boolean isExclusive() {
        return false;
    }

    /**
     * Asks to be told when a row becomes {@link RequestState#NEW} in this store, also through another process
     * sharing it, so that an idle vault starts on new work at once rather than at its next sweep. The listener
     * runs on the store's thread and must return quickly; it may be called spuriously. The default never calls
     * it: a store used by one process needs no such hint (the vault queues its own new work itself).
     *
     * @param listener called when new work may be waiting
     */
    default void onNewWork(Runnable listener) {
    }

    /**
     * Runs a task that must not run in two processes sharing this store at the same time (expiry), if no other
     * process is running a task of that name; otherwise returns at once. The default runs it: a store used by
     * one process at a time has no other process to exclude.
     *
     * @param task the task's name
     * @param action the task
     * @return true if the task ran here, false if another process was running it
     */
    default boolean runExclusively(String task, Runnable action) {
        action.run();
        return true;
    }

    /**
     * Checks once that the store answers, for a readiness probe: unlike the other methods, a store that retries
     * transient failures does not retry here, so that a probe learns of an outage in seconds. Blocks on one read.
     * The default reads one request.
     *
     * @throws RuntimeException (a {@link org.swhvault.spi.VaultException} with one sentence, for the stores of this
     *     project) if the store does not answer
     */
    default void checkAnswers() {
        get(1);
    }

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() {
    }
}
