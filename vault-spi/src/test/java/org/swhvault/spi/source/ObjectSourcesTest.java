package org.swhvault.spi.source;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectSourcesTest {

    private record Named(String name) implements ObjectSourceProvider {
        @Override
        public ObjectSource create(Map<String, String> config, PluginContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Twin implements ObjectSourceProvider {
        @Override
        public String name() {
            return "git";
        }

        @Override
        public ObjectSource create(Map<String, String> config, PluginContext context) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void selectingFindsTheProviderWithThatName() {
        Named git = new Named("git");
        assertThat(ObjectSources.select("git", List.of(new Named("memory"), git))).isSameAs(git);
    }

    @Test
    void anUnknownNameListsTheNamesAvailableSorted() {
        assertThatThrownBy(() -> ObjectSources.select("svn", List.of(new Named("memory"), new Named("git"))))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND))
                .hasMessage("No ObjectSourceProvider named 'svn' is on the class path; add the artifact that provides it"
                        + " (available: git, memory)");
    }

    @Test
    void anUnknownNameWithNoProvidersSaysNoneIsRegistered() {
        assertThatThrownBy(() -> ObjectSources.select("git", List.of()))
                .hasMessageContaining("available: none");
    }

    @Test
    void twoProvidersWithTheSameNameAreRefusedNamingBothClasses() {
        assertThatThrownBy(() -> ObjectSources.select("git", List.of(new Named("git"), new Twin())))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND))
                .hasMessageContaining("Several ObjectSourceProviders are named 'git'")
                .hasMessageContaining(Named.class.getName())
                .hasMessageContaining(Twin.class.getName());
    }

    @Test
    void theSpiAloneRegistersNoProvider() {
        assertThat(ObjectSources.providers()).isEmpty();
        assertThatThrownBy(() -> ObjectSources.create("git", Map.of()))
                .hasMessageContaining("No ObjectSourceProvider named 'git' is on the class path; add the artifact that provides it (available: none)");
    }
}
