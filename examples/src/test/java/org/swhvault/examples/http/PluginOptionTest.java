package org.swhvault.examples.http;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.swhvault.spi.request.RequestStoreProvider;
import org.swhvault.spi.store.BundleStoreProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code --store} and {@code --state} values select a plug-in by name. */
class PluginOptionTest {
    @Test
    void aNameWithSettingsSelectsThatPlugin() {
        assertThat(PluginOption.named("--store", BundleStoreProvider.class, "s3:bucket=b,pathStyle=true,prefix=a=b"))
                .contains(new PluginOption("--store", "s3", Map.of("bucket", "b", "pathStyle", "true", "prefix", "a=b")));
        assertThat(PluginOption.named("--state", RequestStoreProvider.class, "memory"))
                .contains(new PluginOption("--state", "memory", Map.of()));
        assertThat(PluginOption.named("--state", RequestStoreProvider.class, "journal:path=/srv/j"))
                .hasValueSatisfying(o -> assertThat(o.directory()).hasValue(java.nio.file.Path.of("/srv/j")));
    }

    @Test
    void pathsAndBareWordsThatNameNoPluginAreLeftToTheShorthands() {
        assertThat(PluginOption.named("--store", BundleStoreProvider.class, "/var/cache/vault")).isEmpty();
        assertThat(PluginOption.named("--store", BundleStoreProvider.class, "bundles")).isEmpty();
        assertThat(PluginOption.named("--state", RequestStoreProvider.class, "./memory")).isEmpty();
    }

    @Test
    void aColonAfterAnUnknownNameIsRefusedNotTakenForADirectory() {
        assertThatThrownBy(() -> PluginOption.named("--state", RequestStoreProvider.class, "redis://u@h/db"))
                .hasMessage("--state: No RequestStoreProvider named 'redis' is on the class path; add the "
                        + "artifact that provides it (available: journal, memory, postgresql); a directory whose name"
                        + " has a ':' is written ./redis://u@h/db");
        assertThat(PluginOption.named("--state", RequestStoreProvider.class, "postgresql://u@h/db"))
                .as("NAME://… is the plug-in's url").contains(new PluginOption("--state", "postgresql",
                        Map.of("url", "postgresql://u@h/db")));
    }

    @Test
    void secretsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> PluginOption.named("--store", BundleStoreProvider.class, "s3:bucket=b,secretKey=hunter2"))
                .hasMessageContaining("'secretKey' is secret and is not accepted on the command line")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void malformedSettingsAreRefused() {
        assertThatThrownBy(() -> PluginOption.named("--store", BundleStoreProvider.class, "fs:/tmp"))
                .hasMessage("--store: '/tmp' is not KEY=VALUE; give fs:KEY=VALUE[,KEY=VALUE…]");
        assertThatThrownBy(() -> PluginOption.named("--store", BundleStoreProvider.class, "fs:path=a,path=b"))
                .hasMessage("--store: setting 'path' is given twice");
    }
}
