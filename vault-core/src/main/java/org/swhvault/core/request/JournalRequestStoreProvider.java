package org.swhvault.core.request;

import java.util.Map;

import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RequestStoreProvider;

/**
 * The {@code journal} request store: a {@link JournalRequestStore}, durable across restarts, in the
 * directory named by {@value #PATH} (required, created if missing). One process at a time may open it.
 */
public final class JournalRequestStoreProvider implements RequestStoreProvider {
    /** The configuration key of the journal's directory. */
    public static final String PATH = "path";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public JournalRequestStoreProvider() {
    }

    /** Returns {@code journal}. */
    @Override
    public String name() {
        return "journal";
    }

    /**
     * Opens the journal in {@value #PATH} and replays it. Blocks while replaying.
     *
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#INVALID_ARGUMENT} if
     *     {@value #PATH} is missing or another key is given; with
     *     {@link org.swhvault.spi.ErrorCode#STORE_FAILURE} if the directory is in use by another process or
     *     cannot be read
     */
    @Override
    public RequestStore create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("journal request store", config);
        java.nio.file.Path directory = settings.path(PATH, "the directory of the journal");
        settings.rejectUnknown();
        return JournalRequestStore.open(directory);
    }
}
