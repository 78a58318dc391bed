package org.swhvault.spi.plugin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/**
 * What the host lends a plug-in when it creates it, in the manner of Trino's connector context: the
 * clock to read time from, an executor for background work the plug-in must not run on the caller's
 * thread, and a directory for temporary files. The host owns all three; a plug-in neither shuts the
 * executor down nor deletes the directory.
 *
 * @param name the name the plug-in was selected by, for messages
 * @param clock the clock to read time from
 * @param executor the host's executor for background work
 * @param tempDirectory an existing directory for temporary files
 */
public record PluginContext(String name, Clock clock, ScheduledExecutorService executor, Path tempDirectory) {
    /** Validates that every component is present. */
    public PluginContext {
        requireNonNull(name, "name is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(tempDirectory, "tempDirectory is null");
    }

    /**
     * Returns the context of a plug-in created outside a host (a tool, a test): the UTC system clock, one
     * daemon thread shared by every such plug-in, and the directory of {@code java.io.tmpdir}.
     *
     * @param name the name the plug-in was selected by
     * @return the context
     */
    public static PluginContext standalone(String name) {
        return new PluginContext(name, Clock.systemUTC(), Standalone.EXECUTOR,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Returns this context for another plug-in of the same host.
     *
     * @param pluginName the name the other plug-in was selected by
     * @return the context
     */
    public PluginContext named(String pluginName) {
        return new PluginContext(pluginName, clock, executor, tempDirectory);
    }

    /** The executor of standalone plug-ins, started on first use. */
    private static final class Standalone {
        static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "swhvault-plugins");
            t.setDaemon(true);
            return t;
        });
    }
}
