package org.swhvault.storage.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleStoreProvider;

import static java.util.Objects.requireNonNull;

/**
 * Creates {@link FsBundleStore}s, selected by the name {@code fs}. Configuration: {@value #PATH} (required),
 * the store's root directory, created if missing; no other keys are accepted.
 */
public final class FsBundleStoreProvider implements BundleStoreProvider {
    /** The configuration key of the root directory. */
    public static final String PATH = "path";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public FsBundleStoreProvider() {
    }

    /** Returns {@code fs}. */
    @Override
    public String name() {
        return "fs";
    }

    /**
     * Opens an {@link FsBundleStore} in the directory named by {@value #PATH}. Blocks on file system I/O.
     *
     * @param config the settings: {@value #PATH} only
     * @param context unused
     * @return the store, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@value #PATH} is missing, blank or
     *     not a valid path, or another key is present; with {@link ErrorCode#STORE_FAILURE} if the
     *     directory cannot be created, read or cleaned
     */
    @Override
    public BundleStore create(Map<String, String> config, PluginContext context) {
        requireNonNull(config, "config is null");
        Settings settings = Settings.of("fs bundle store", config);
        Path root = settings.path(PATH, "its root directory");
        settings.rejectUnknown();
        String value = root.toString();
        try {
            return FsBundleStore.open(root);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.STORE_FAILURE, "Cannot open the fs bundle store at '" + value
                    + "': " + e, e);
        }
    }
}
