package org.swhvault.core.source;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;
import org.swhvault.spi.source.ObjectSources;
import org.swhvault.testing.git.GitFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectSourceDiscoveryTest {

    @Test
    void theCoreRegistersGitAndMemory() {
        assertThat(ObjectSources.providers()).extracting(ObjectSourceProvider::name)
                .containsExactlyInAnyOrder("git", "memory");
    }

    @Test
    void theGitSourceIsCreatedByNameWithItsPath(@TempDir Path dir) {
        GitFixture git = GitFixture.init(dir.resolve("repo"));
        git.write("a", "a\n");
        String commit = git.commitAll("First\n");
        try (ObjectSource source = ObjectSources.create("git", Map.of("path", git.dir().toString()))) {
            assertThat(source).isInstanceOf(GitObjectSource.class);
            assertThat(source.revision(ObjectId.fromHex(commit))).isPresent();
        }
    }

    @Test
    void theMemorySourceIsCreatedEmpty() {
        try (ObjectSource source = ObjectSources.create("memory", Map.of())) {
            assertThat(source).isSameAs(MemoryObjectSource.empty());
        }
    }

    @Test
    void anUnknownNameListsTheAvailableNames() {
        assertThatThrownBy(() -> ObjectSources.create("svn", Map.of()))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND))
                .hasMessage("No ObjectSourceProvider named 'svn' is on the class path; add the artifact that provides it"
                        + " (available: git, memory)");
    }

    @Test
    void badSettingsAreRefusedWithWhatWasExpected(@TempDir Path dir) {
        assertThatThrownBy(() -> ObjectSources.create("git", Map.of()))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("needs 'path'");
        assertThatThrownBy(() -> ObjectSources.create("git", Map.of("path", dir.toString(), "pth", "x")))
                .hasMessageContaining("does not know the setting 'pth' (did you mean 'path'?); its settings are 'path'");
        assertThatThrownBy(() -> ObjectSources.create("git", Map.of("path", dir.toString())))
                .hasMessageContaining("is not a git repository");
        assertThatThrownBy(() -> ObjectSources.create("memory", Map.of("size", "1")))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("takes no settings");
    }
}
