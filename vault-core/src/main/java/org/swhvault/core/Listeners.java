package org.swhvault.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.store.BundleKey;

/** Calls every listener, keeping one's failure from reaching the others or the engine. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<VaultListener> listeners;

    Listeners(List<VaultListener> listeners) {
        this.listeners = new CopyOnWriteArrayList<>(listeners);
    }

    void add(VaultListener listener) {
        listeners.add(listener);
    }

    void attemptEnded(CookAttempt attempt) {
        for (VaultListener listener : listeners) {
            try {
                listener.onAttemptEnded(attempt);
            } catch (RuntimeException | Error e) {
                logOrRethrow(e, listener, "onAttemptEnded", attempt.key());
            }
        }
    }

    void progress(BundleStatus status) {
        each(l -> l.onProgress(status), "onProgress", status);
    }

    void done(BundleStatus status, List<String> emails) {
        each(l -> l.onDone(status, emails), "onDone", status);
    }

    void failed(BundleStatus status, List<String> emails) {
        each(l -> l.onFailed(status, emails), "onFailed", status);
    }

    private void each(Consumer<VaultListener> call, String what, BundleStatus status) {
        for (VaultListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | Error e) {
                logOrRethrow(e, listener, what, status.key());
            }
        }
    }

    /**
     * Logs a listener's failure, an {@link Error} too (a host's {@code assert}, its missing optional library):
     * it is the host's, not the cook's. Only the JVM's own errors (out of memory…) go on.
     */
    private static void logOrRethrow(Throwable e, VaultListener listener, String what, BundleKey key) {
        if (e instanceof VirtualMachineError error) {
            throw error;
        }
        LOG.error("Listener {} failed in {} for {}", listener, what, key, e);
    }
}
