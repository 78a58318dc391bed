package org.swhvault.core;

import java.util.concurrent.TimeUnit;

import org.swhvault.spi.request.BundleRequest;

/**
 * Lets threads wait until some request of this vault reaches a final state, without polling the request
 * store. Thread-safe.
 */
final class Completions {
    private long count;

    /** Wakes the threads in {@link #await(long, long)} if {@code row} is final. */
    synchronized void signalIfFinal(BundleRequest row) {
        if (row.state().isFinal()) {
            count++;
            notifyAll();
        }
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
