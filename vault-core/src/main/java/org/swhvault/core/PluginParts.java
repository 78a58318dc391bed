package org.swhvault.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.PluginProvider;
import org.swhvault.spi.plugin.Plugins;

import static java.util.Objects.requireNonNull;

/**
 * What {@link VaultBuilder#build()} creates for a vault (plug-ins selected by name, the scheduler), in order,
 * so that the vault closes them in the reverse order when it closes, and a failed build closes them at once.
 * Not thread-safe.
 */
final class PluginParts {
    /** A plug-in selected by name, with its settings. */
    record Choice(String name, Map<String, String> config) {
        Choice {
            config = settings(name, config);
        }
    }

    /**
     * Checks a plug-in's name and settings as a builder's setter receives them, and copies the settings.
     *
     * @throws NullPointerException naming what is null: the name, the settings, or a setting's key or value
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the name is blank
     */
    static Map<String, String> settings(String name, Map<String, String> config) {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "A plug-in name must not be blank, got '" + name + "'");
        }
        requireNonNull(config, "config is null");
        config.forEach((key, value) -> {
            requireNonNull(key, () -> "a setting of " + name + " has a null key");
            requireNonNull(value, () -> "the setting '" + key + "' of " + name + " is null");
        });
        return Map.copyOf(config);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PluginParts.class);

    private final List<AutoCloseable> owned = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();

    /** Creates the chosen plug-in of an extension point with the host's context, and owns it. */
    <T extends AutoCloseable, P extends PluginProvider<T>> T create(Class<P> type, Choice choice,
            PluginContext context) {
        T created = Plugins.create(type, choice.name(), choice.config(), context,
                Thread.currentThread().getContextClassLoader());
        owned.add(created);
        return created;
    }

    /** Owns something else the builder made. */
    void own(AutoCloseable resource) {
        owned.add(requireNonNull(resource, "resource is null"));
    }

    /** Owns threads the builder made, such as the scheduler's: {@link #close} stops them first. */
    void ownThreads(ExecutorService threads) {
        this.threads.add(requireNonNull(threads, "threads is null"));
    }

    /** Closes what was created at once, without waiting for its threads to end: after a failed build. */
    void close() {
        close(System.nanoTime());
    }

    /**
     * Stops the threads it owns and waits until {@code deadline} ({@link System#nanoTime()}) for them to end, so
     * that no task of the vault still uses a store when the host closes it; then closes what was created, in the
     * reverse order. A failure is logged and the others still closed. Waits for no thread when called on one of
     * them.
     */
    void close(long deadline) {
        threads.forEach(ExecutorService::shutdownNow);
        awaitTermination(threads, deadline);
        for (int i = owned.size() - 1; i >= 0; i--) {
            AutoCloseable resource = owned.get(i);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", resource, e.toString());
            }
        }
    }

    /**
     * Waits until {@code deadline} ({@link System#nanoTime()}) for executors already shut down to end their
     * threads, also if the calling thread is interrupted (the flag is kept). Returns false if some thread still
     * runs.
     */
    static boolean awaitTermination(List<ExecutorService> executors, long deadline) {
        boolean ended = true;
        boolean interrupted = false;
        for (ExecutorService executor : executors) {
            while (true) {
                try {
                    ended &= executor.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ended;
    }
}
