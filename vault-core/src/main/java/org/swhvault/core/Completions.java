package org.swhvault.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.store.BundleKey;

/**
 * Lets threads wait until some request of this vault reaches a final state, without polling the request
 * store, and hands the final row to those waiting for that bundle, who need not read it back. Thread-safe.
 */
final class Completions {
    private long count;
    /** How many threads wait for each bundle. */
    private final Map<BundleKey, Integer> waiting = new HashMap<>();
    /** The latest final row of each bundle waited for, with the count it was signalled at. */
    private final Map<BundleKey, Final> finals = new HashMap<>();

    private record Final(BundleRequest row, long count) {
    }

    /** Wakes the threads in {@link #await(long, long)} if {@code row} is final. */
    synchronized void signalIfFinal(BundleRequest row) {
        if (row.state().isFinal()) {
            count++;
            if (waiting.containsKey(row.key())) {
                finals.put(row.key(), new Final(row, count));
            }
            notifyAll();
        }
    }

    /** Starts keeping the final rows of {@code key} for {@link #finalSince}; end with {@link #stopWaiting}. */
    synchronized void startWaiting(BundleKey key) {
        waiting.merge(key, 1, Integer::sum);
    }

    synchronized void stopWaiting(BundleKey key) {
        if (waiting.merge(key, -1, Integer::sum) <= 0) {
            waiting.remove(key);
            finals.remove(key);
        }
    }

    /** The final row of {@code key} signalled after {@code seen} was read from {@link #count()}, if any. */
    synchronized Optional<BundleRequest> finalSince(BundleKey key, long seen) {
        Final f = finals.get(key);
        return f != null && f.count() > seen ? Optional.of(f.row()) : Optional.empty();
    }

    /** Returns how many requests reached a final state so far; pass it to {@link #await}. */
    synchronized long count() {
        return count;
    }

    /**
     * Waits until some request reaches a final state after {@code seen} was read from {@link #count()}, or
     * {@code millis} pass. Reading the count first means a completion between a status check and this call
     * is not missed.
     */
    synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
        while (count == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
