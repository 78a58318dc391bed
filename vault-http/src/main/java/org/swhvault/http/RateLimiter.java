package org.swhvault.http;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Applies a {@link RateLimit} to each client (an address, an API token, a user), as a token bucket computed the
 * GCRA way (one "theoretical arrival time" per client, integer nanoseconds). Idle clients are forgotten, so memory
 * stays bounded by the clients seen within about one period. Thread-safe; never blocks.
 */
final class RateLimiter {
    private static final int SWEEP_ABOVE = 4096;

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final long interval;
    private final long burst;
    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param limit the budget per address
     * @param nanoTime the clock, {@link System#nanoTime()} outside tests
     */
    RateLimiter(RateLimit limit, LongSupplier nanoTime) {
        this.limit = requireNonNull(limit, "limit is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.burst = limit.period().toNanos();
        this.interval = Math.max(1, burst / limit.permits());
    }

    /** Returns the budget. */
    RateLimit limit() {
        return limit;
    }

    /**
     * Takes one request from a client's budget.
     *
     * @param client the client: its address, or what else tells clients apart
     * @return 0 if the request may go ahead, otherwise how many whole seconds (at least 1) until it may
     */
    long acquire(Object client) {
        return take(client).retryAfterSeconds();
    }

    /**
     * What one request did to a client's budget, for the {@code X-RateLimit-*} headers.
     *
     * @param limit how many requests the period allows
     * @param remaining how many more may go ahead now
     * @param resetSeconds in how many whole seconds the budget is full again
     * @param retryAfterSeconds 0 if this request may go ahead, else how many whole seconds until one may
     */
    record Decision(long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
        boolean allowed() {
            return retryAfterSeconds == 0;
        }
    }

    /**
     * Takes one request from a client's budget.
     *
     * @param client the client: its address, or what else tells clients apart
     * @return whether it may go ahead, and the budget left
     */
    Decision take(Object client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= SWEEP_ABOVE) {
                sweep(now);
            }
            bucket = buckets.computeIfAbsent(client, c -> new Bucket(now));
        }
        long wait = bucket.take(now, interval, burst);
        long used = bucket.usedNanos(now);
        long remaining = Math.max(0, (burst - used) / interval);
        return new Decision(limit.permits(), remaining, seconds(used), wait <= 0 ? 0 : Math.max(1, seconds(wait)));
    }

    /**
     * Says what is left of a client's budget without taking from it.
     *
     * @param client the client
     * @return the budget left; {@link Decision#allowed()} says whether a request may go ahead now
     */
    Decision peek(Object client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client);
        long used = bucket == null ? 0 : bucket.usedNanos(now);
        long wait = used + interval - burst;
        return new Decision(limit.permits(), Math.max(0, (burst - used) / interval), seconds(used),
                wait <= 0 ? 0 : Math.max(1, seconds(wait)));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** Returns how many addresses are remembered. */
    int size() {
        return buckets.size();
    }

    /** Forgets addresses whose budget has filled up again: they are as good as new. */
    private void sweep(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().isFull(now)) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        /** When the budget will be full again if nothing more is taken. */
        private long fullAt;

        Bucket(long now) {
            this.fullAt = now;
        }

        /** Takes a permit; returns 0 on success, else the nanoseconds until one is available. */
        synchronized long take(long now, long interval, long burst) {
            long next = Math.max(fullAt - now, 0) + interval;
            if (next > burst) {
                return next - burst;
            }
            fullAt = now + next;
            return 0;
        }

        /** How much of the budget is in use, in nanoseconds of refill. */
        synchronized long usedNanos(long now) {
            return Math.max(0, fullAt - now);
        }

        synchronized boolean isFull(long now) {
            return fullAt - now <= 0;
        }
    }
}
