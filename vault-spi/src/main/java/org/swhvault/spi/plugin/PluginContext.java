package org.swhvault.spi.plugin;

import java.nio.file.Path;
import java.time.Clock;
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
}
