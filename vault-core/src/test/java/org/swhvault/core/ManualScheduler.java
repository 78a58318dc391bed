package org.swhvault.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time is a {@link ManualClock}: tasks run on the thread that calls {@link #advance},
 * in time order, with the clock set to each task's time. Nothing runs on its own.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualClock clock;
    private final List<Task<?>> tasks = new ArrayList<>();
    private long sequence;
    private boolean shutdown;

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way. */
    void advance(Duration d) {
        Instant target = clock.instant().plus(d);
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> !t.isCancelled() && !t.at.isAfter(target))
                        .min(Comparator.<Task<?>, Instant>comparing(t -> t.at).thenComparingLong(t -> t.seq))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
            }
            if (next.at.isAfter(clock.instant())) {
                clock.set(next.at);
            }
            next.runOnce();
            synchronized (this) {
                if (next.period != null && !next.isCancelled()) {
                    next.at = next.at.plus(next.period);
                    tasks.add(next);
                }
            }
        }
        clock.set(target);
    }

    /** Runs the tasks due now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    synchronized int pendingOneShots() {
        return (int) tasks.stream().filter(t -> t.period == null && !t.isCancelled()).count();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, delay, unit, null);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay, unit, null);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, initialDelay, unit, Duration.ofNanos(unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    private synchronized <V> Task<V> add(Callable<V> body, long delay, TimeUnit unit, Duration period) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task<V> task = new Task<>(body, clock.instant().plusNanos(unit.toNanos(Math.max(0, delay))), period, sequence++);
        tasks.add(task);
        return task;
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        tasks.clear();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task<V> implements ScheduledFuture<V> {
        private final Callable<V> body;
        private final Duration period;
        private final long seq;
        private Instant at;
        private volatile boolean cancelled;
        private volatile boolean done;

        Task(Callable<V> body, Instant at, Duration period, long seq) {
            this.body = body;
            this.at = at;
            this.period = period;
            this.seq = seq;
        }

        void runOnce() {
            try {
                body.call();
            } catch (Exception e) {
                throw new IllegalStateException("scheduled task failed", e);
            } finally {
                done = period == null;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public V get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
