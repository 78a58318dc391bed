package org.swhvault.objstorage;

import java.nio.file.Path;
import java.util.Map;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.objstorage.ObjStorageProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Settings;

/**
 * Creates {@link PathSlicingObjStorage}s, selected by the name {@code pathslicing}, with the settings of
 * swh-objstorage's {@code pathslicing} back end:
 * <ul>
 *   <li>{@value #ROOT} (required): the directory that holds the objstorage, which must exist;</li>
 *   <li>{@value #SLICING}: the directories objects are spread over, such as {@code 0:2/2:4/4:6}
 *       (see {@link PathSlicing}); {@code 0:2/2:4}, a mirror's, unless set;</li>
 *   <li>{@value #COMPRESSION}: {@code gzip}, {@code none}, {@code zlib}, {@code bz2}, {@code lzma} or
 *       {@code zstd} (see {@link Compression}); {@code gzip}, what swh-objstorage uses when it is not set,
 *       unless set.</li>
 * </ul>
 * A command line may name one with {@code pathslicing:DIR}: see {@link ObjStorageSpec}.
 */
public final class PathSlicingObjStorageProvider implements ObjStorageProvider {
    /** The configuration key of the root directory. */
    public static final String ROOT = "root";
    /** The configuration key of the slicing. */
    public static final String SLICING = "slicing";
    /** The configuration key of the compression. */
    public static final String COMPRESSION = "compression";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public PathSlicingObjStorageProvider() {
    }

    /** Returns {@code pathslicing}. */
    @Override
    public String name() {
        return "pathslicing";
    }

    /**
     * Opens the objstorage the settings describe. Blocks while it checks the root directory.
     *
     * @param config the settings listed above
     * @param context unused
     * @return the objstorage
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a setting is missing, unknown or
     *     wrong, or the root is not a directory
     */
    @Override
    public ObjStorage create(Map<String, String> config, PluginContext context) {
        Settings settings = Settings.of("pathslicing objstorage", config);
        Path root = settings.path(ROOT, "the directory that holds the objstorage");
        PathSlicing slicing = settings.optional(SLICING).map(PathSlicing::parse).orElse(PathSlicing.MIRROR);
        Compression compression = Compression.setting(settings, COMPRESSION, "pathslicing objstorage");
        settings.rejectUnknown();
        return PathSlicingObjStorage.open(root, slicing, compression);
    }
}
