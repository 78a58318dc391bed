package org.swhvault.core.internal.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * Runs tasks on an executor and hands their results to a sink in submission order, with at most
 * {@code maxPending} tasks submitted but not yet consumed. Used by one producer thread.
 *
 * <p>Whoever waits for the oldest task runs it itself if no worker has started it yet
 * ({@link FutureTask#run()} runs a task at most once). So a busy, saturated or shut-down executor
 * slows the pipeline down but never deadlocks it, and a direct executor ({@code Runnable::run})
 * works too.
 *
 * @param <T> the result type
 */
public final class OrderedTasks<T> {
    /** Receives results in submission order. */
    public interface Sink<T> {
        void accept(T result) throws IOException;
    }

    private final Executor executor;
    private final int maxPending;
    private final Sink<T> sink;
    private final ArrayDeque<FutureTask<T>> pending = new ArrayDeque<>();

    public OrderedTasks(Executor executor, int maxPending, Sink<T> sink) {
        this.executor = requireNonNull(executor, "executor is null");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive: " + maxPending);
        }
        this.maxPending = maxPending;
        this.sink = requireNonNull(sink, "sink is null");
    }

    /**
     * Submits a task, then consumes finished results; blocks while too many tasks are pending. Returns
     * the task, which a later task may run (if not started yet) and wait for.
     */
    public FutureTask<T> submit(Callable<T> task) throws IOException {
        FutureTask<T> future = new FutureTask<>(task);
        pending.addLast(future);
        try {
            executor.execute(future);
        } catch (RejectedExecutionException e) {
            // Left unstarted: consumeOldest() runs it in this thread.
        }
        while (!pending.isEmpty() && (pending.size() > maxPending || pending.peekFirst().isDone())) {
            consumeOldest();
        }
        return future;
    }

    /** Consumes the results that are already available, without blocking. */
    void consumeFinished() throws IOException {
        while (!pending.isEmpty() && pending.peekFirst().isDone()) {
            consumeOldest();
        }
    }

    /** Waits for every pending task and consumes its result. */
    public void drain() throws IOException {
        while (!pending.isEmpty()) {
            consumeOldest();
        }
    }

    /** Cancels the tasks that have not started and forgets every pending task. */
    public void cancel() {
        for (FutureTask<T> f : pending) {
            f.cancel(false);
        }
        pending.clear();
    }

    private void consumeOldest() throws IOException {
        FutureTask<T> head = pending.removeFirst();
        head.run();
        T result;
        try {
            result = head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new InterruptedIOException("Interrupted while waiting for a compression task");
        } catch (CancellationException e) {
            throw new IOException("A compression task was cancelled", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        sink.accept(result);
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException uio) {
            return uio.getCause();
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException("A compression task failed", cause);
    }
}
