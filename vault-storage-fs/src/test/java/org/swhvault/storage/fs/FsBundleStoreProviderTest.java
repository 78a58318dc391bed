package org.swhvault.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleStoreProvider;
import org.swhvault.spi.store.BundleWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FsBundleStoreProviderTest {
    @TempDir
    Path dir;

    private static BundleStoreProvider fs() {
        return ServiceLoader.load(BundleStoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("fs")).findFirst().orElseThrow();
    }

    @Test
    void serviceLoaderFindsTheProviderAndItOpensAWorkingStore() throws IOException {
        Path root = dir.resolve("a/b");
        try (BundleStore store = fs().create(Map.of("path", root.toString()))) {
            assertThat(store).isInstanceOf(FsBundleStore.class);
            try (BundleWriter writer = store.create(Patterns.key(1))) {
                Patterns.write(writer.stream(), 1, 1234);
                writer.commit();
            }
            try (InputStream in = store.open(Patterns.key(1))) {
                assertThat(Patterns.firstMismatch(in, 1, 0, 1234)).isEqualTo(-1);
            }
        }
        assertThat(root.resolve("bundles")).isDirectory();
        assertThat(fs().secretProperties()).isEmpty();
    }

    @Test
    void aMissingOrBlankPathIsAnInvalidArgument() {
        assertThatThrownBy(() -> fs().create(Map.of()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'path'");
        assertThatThrownBy(() -> fs().create(Map.of("path", " ")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> fs().create(Map.of("path", "a\0b")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void unknownKeysAreRejectedToCatchTypos() {
        assertThatThrownBy(() -> fs().create(Map.of("path", dir.toString(), "paht", "x")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'paht' (did you mean 'path'?)");
    }

    @Test
    void aPathThatCannotBeADirectoryIsAStoreFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> fs().create(Map.of("path", file.toString())))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining(file.toString());
    }
}
