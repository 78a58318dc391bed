package org.swhvault.storage.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleKey;

/**
 * Where each bundle's file lives: {@code bundles/<type>/<first two hex digits>/<file name>.swhvault}.
 */
final class BundleLayout {
    /** Marks files that start with a {@link BundleHeader}, so nobody takes them for the bare bundle. */
    static final String SUFFIX = ".swhvault";

    private final Path bundles;

    BundleLayout(Path bundles) {
        this.bundles = bundles;
    }

    Path bundles() {
        return bundles;
    }

    Path pathOf(BundleKey key) {
        return bundles.resolve(key.type().apiName()).resolve(shardOf(key)).resolve(key.fileName() + SUFFIX);
    }

    /** Every key with a file in the layout, lazily; stray files and directories are skipped. */
    Stream<BundleKey> keys() {
        return Arrays.stream(BundleType.values()).flatMap(type -> {
            Path typeDir = bundles.resolve(type.apiName());
            return children(typeDir).filter(Files::isDirectory)
                    .flatMap(shard -> children(shard).flatMap(file -> keyOf(type, file).stream()));
        });
    }

    /** The key whose file {@code file} is, if it is one; {@code file} is a path under a shard directory. */
    Optional<BundleKey> keyOf(BundleType type, Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        return BundleKey.ofFileName(type, name.substring(0, name.length() - SUFFIX.length()))
                .filter(key -> pathOf(key).equals(file));
    }

    private static String shardOf(BundleKey key) {
        return key.swhid().id().toHex().substring(0, 2);
    }

    private static Stream<Path> children(Path dir) {
        try {
            return Files.list(dir);
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list bundle directory " + dir, e);
        }
    }
}
