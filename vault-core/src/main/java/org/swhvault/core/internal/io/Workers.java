package org.swhvault.core.internal.io;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The threads compression runs on: either a caller's executor (not ours to shut down) or a pool of
 * daemon threads we own. With one thread, tasks run in the submitting thread.
 */
public final class Workers implements AutoCloseable {
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final Executor executor;
    private final int parallelism;
    private final ExecutorService owned;

    private Workers(Executor executor, int parallelism, ExecutorService owned) {
        this.executor = executor;
        this.parallelism = parallelism;
        this.owned = owned;
    }

    /** Returns workers on a caller's executor, expected to run up to {@code parallelism} tasks at once. */
    public static Workers shared(Executor executor, int parallelism) {
        requireNonNull(executor, "executor is null");
        checkParallelism(parallelism);
        return new Workers(executor, parallelism, null);
    }

    /** Returns workers on {@code threads} new daemon threads, or on the calling thread if 1. */
    public static Workers ofThreads(int threads, String name) {
        checkParallelism(threads);
        if (threads == 1) {
            return new Workers(Runnable::run, 1, null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads(name));
        return new Workers(pool, threads, pool);
    }

    /** Returns the number of available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public Executor executor() {
        return executor;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Stops the threads we own, without waiting; idempotent. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }

    private static void checkParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("thread count must be positive: " + parallelism);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
