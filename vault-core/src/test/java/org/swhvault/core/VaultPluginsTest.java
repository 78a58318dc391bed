package org.swhvault.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStoreProvider;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.git.GitFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder picks every plug-in by name, closes what it created, and lets explicit instances win. */
class VaultPluginsTest {
    @TempDir
    Path tmp;

    @Test
    void everyPartCanBeChosenByNameAndTheVaultClosesWhatItCreated() throws Exception {
        GitFixture git = GitFixture.init(tmp.resolve("repo")).write("a.txt", "a\n").addAll();
        git.commitAll("one");
        Swhid tree = Swhid.parse("swh:1:dir:" + git.git("rev-parse", "HEAD^{tree}"));
        Path bundles = tmp.resolve("bundles");
        Path journal = tmp.resolve("journal");
        try (Vault vault = Vault.builder().source("git", Map.of("path", git.dir().toString()))
                .store("fs", Map.of("path", bundles.toString()))
                .requestStore("journal", Map.of("path", journal.toString()))
                .cooker("flat", Map.of("level", "1", "threads", "1"))
                .build()) {
            vault.cook(BundleType.FLAT, tree);
            assertThat(vault.awaitCompletion(BundleType.FLAT, tree, Duration.ofSeconds(30)).state())
                    .isEqualTo(RequestState.DONE);
        }
        assertThat(journal.resolve("journal")).isRegularFile();
        // the journal was closed with the vault: another one may open it, and knows the bundle
        try (FsBundleStore store = FsBundleStore.open(bundles);
                Vault again = Vault.builder().source(MemoryObjectSource.empty()).store(store)
                        .requestStore("journal", Map.of("path", journal.toString())).build()) {
            assertThat(again.status(BundleType.FLAT, tree)).hasValueSatisfying(
                    s -> assertThat(s.state()).isEqualTo(RequestState.DONE));
            assertThat(store.stat(new BundleKey(BundleType.FLAT, tree))).isPresent();
        }
    }

    @Test
    void explicitInstancesWinOverNames() throws Exception {
        Path journal = tmp.resolve("journal");
        try (JournalRequestStore requests = JournalRequestStore.open(journal)) {
            try (FsBundleStore store = FsBundleStore.open(tmp.resolve("s"));
                    Vault vault = Vault.builder().source(MemoryObjectSource.empty()).source("svn", Map.of())
                        .store(store).store("nowhere", Map.of()).requestStore(requests)
                        .requestStore("postgresql", Map.of()).build()) {
                assertThat(vault.bundleTypes()).contains(BundleType.FLAT);
            }
            assertThatThrownBy(() -> JournalRequestStore.open(journal)).as("an instance the host passed is the"
                    + " host's to close: the vault left it open").hasMessageContaining("already in use");
        }
    }

    @Test
    void aPartThatFailsClosesThePartsCreatedBeforeIt() {
        Path journal = tmp.resolve("journal");
        assertThatThrownBy(() -> Vault.builder().source(MemoryObjectSource.empty())
                .requestStore("journal", Map.of("path", journal.toString()))
                .store("fs", Map.of("path", tmp.resolve("s").toString()))
                .cooker("flat", Map.of("levle", "1")).build())
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("The flat cooker does not know the setting 'levle' (did you mean 'level'?); its settings are"
                        + " 'level', 'threads', 'cache-entries'.");
        assertThatThrownBy(() -> Vault.builder().source(MemoryObjectSource.empty())
                .store("fs", Map.of("pth", "x")).build())
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("The fs bundle store needs 'path' (its root directory).");
        assertThatThrownBy(() -> Vault.builder().source(MemoryObjectSource.empty())
                .store("fs", Map.of("path", tmp.resolve("s").toString()))
                .requestStore("postgresql", Map.of()).build())
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND))
                .hasMessage("No RequestStoreProvider named 'postgresql' is on the class path; add the artifact that"
                        + " provides it (available: journal, memory)");
        // the journal created by the first attempt was closed: it can be opened again
        try (var reopened = new org.swhvault.core.request.JournalRequestStoreProvider()
                .create(Map.of("path", journal.toString()))) {
            assertThat(reopened).isNotNull();
        }
    }

    @Test
    void cookersGetTheirSettingsAndAnUnknownCookerNameIsRefused() {
        PluginContext context = PluginContext.standalone("test");
        Cookers cookers = Cookers.discover(Map.of("flat", Map.of("level", "2", "threads", "1")), context);
        assertThat(cookers.forObject(BundleType.FLAT, ObjectType.DIRECTORY))
                .isInstanceOf(FlatCooker.class).hasToString("FlatCooker[level=2, threads=1, cacheEntries="
                        + FlatCooker.DEFAULT_CACHE_ENTRIES + "]");
        assertThatThrownBy(() -> Cookers.discover(Map.of("tar", Map.of()), context))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND))
                .hasMessage("No CookerProvider named 'tar' is on the class path; add the artifact that provides it"
                        + " (available: flat, git-bare, gitfast)");
        assertThatThrownBy(() -> Cookers.discover(Map.of("gitfast", Map.of("level", "9")), context))
                .hasMessage("The gitfast cooker does not know the setting 'level'; it takes no settings.");
    }

    @Test
    void theGitBareCookerBuildsPacksInTheHostsTemporaryDirectory() throws Exception {
        Path temp = Files.createDirectories(tmp.resolve("host-temp"));
        PluginContext context = new PluginContext("git-bare", java.time.Clock.systemUTC(),
                PluginContext.standalone("x").executor(), temp);
        assertThat(new org.swhvault.core.cook.gitbare.GitBareCookerProvider().create(Map.of(), context).toString())
                .contains(temp.toString());
    }

    @Test
    void requestStoresAreFoundByName() {
        assertThat(org.swhvault.spi.plugin.Plugins.all(RequestStoreProvider.class, getClass().getClassLoader()))
                .extracting(RequestStoreProvider::name).containsExactlyInAnyOrder("memory", "journal");
        assertThatThrownBy(() -> new org.swhvault.core.request.JournalRequestStoreProvider().create(Map.of()))
                .hasMessage("The journal request store needs 'path' (the directory of the journal).");
        assertThatThrownBy(() -> new org.swhvault.core.request.MemoryRequestStoreProvider().create(Map.of("size", "1")))
                .hasMessage("The memory request store does not know the setting 'size'; it takes no settings.");
    }
}
