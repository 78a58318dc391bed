package org.swhvault.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An executor that runs nothing until told to, on the calling thread. */
final class ManualExecutor implements Executor {
    private final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    synchronized int queued() {
        return tasks.size();
    }

    /** Runs the oldest task; false if there was none. */
    boolean runNext() {
        Runnable task;
        synchronized (this) {
            task = tasks.poll();
        }
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    /** Runs tasks, including those queued meanwhile, until none is left; returns how many ran. */
    int runAll() {
        int n = 0;
        while (runNext()) {
            n++;
        }
        return n;
    }
}
