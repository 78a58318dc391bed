package org.swhvault.source.swhpg;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Plugins;
import org.swhvault.spi.source.EventuallyConsistent;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code swh-postgresql} provider: found by name, its settings checked with one sentence each, its password a
 * secret that no failure shows, and a database that is not swh-storage's refused.
 */
class SwhPostgresSourceProviderTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;
    static PostgresLocation db;
    static ObjectSourceProvider provider;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        history = SampleRepositories.history(tmp.resolve("history"));
        db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        Archives.load(history.dir(), db, Archives.objstorage(tmp.resolve("objects")), tmp);
        provider = Plugins.find(ObjectSourceProvider.class, ObjectSourceProvider::name, "swh-postgresql",
                SwhPostgresSourceProviderTest.class.getClassLoader());
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    static ObjectSource create(Map<String, String> settings) {
        return provider.create(settings, PluginContext.standalone("test"));
    }

    String url() {
        return "postgresql://" + db.user() + "@127.0.0.1:" + postgres.port() + "/" + db.database();
    }

    @Test
    void theProviderOpensTheArchiveFromItsSettings() {
        assertThat(provider.secretProperties()).containsExactly("password");
        try (ObjectSource source = create(Map.of("url", url(), "password", "pw", "pool-size", "2",
                "objstorage", "pathslicing:" + tmp.resolve("objects")));
                GitObjectSource git = GitObjectSource.open(history.dir())) {
            assertThat(source.snapshot(git.currentSnapshot().id())).isEqualTo(git.snapshot(git.currentSnapshot().id()));
            assertThat(source.unwrap(EventuallyConsistent.class)).isPresent();
        }
    }

    @Test
    void badSettingsAreRefusedWithOneSentence() {
        String objects = "pathslicing:" + tmp.resolve("objects");
        assertThatThrownBy(() -> create(Map.of("objstorage", objects)))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(
                        ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("'url'");
        assertThatThrownBy(() -> create(Map.of("url", url(), "password", "pw")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(
                        ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("'objstorage'");
        assertThatThrownBy(() -> create(Map.of("url", url(), "password", "pw", "objstorage", objects, "pool-size",
                "0"))).isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(
                        ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("pool-size");
        assertThatThrownBy(() -> create(Map.of("url", url(), "password", "pw", "objstorage", objects, "pool", "2")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(
                        ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("'pool'");
    }

    @Test
    void aWrongPasswordOrADatabaseThatIsNotSwhStoragesFailsWithoutShowingThePassword() {
        String objects = "pathslicing:" + tmp.resolve("objects");
        assertThatThrownBy(() -> create(Map.of("url", url(), "password", "wrong-secret", "objstorage", objects)))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(
                        ErrorCode.SOURCE_FAILURE)).message().doesNotContain("wrong-secret")
                .startsWith("Cannot read the swh-storage database " + url());
        postgres.createDatabase("empty", "pw2");
        assertThatThrownBy(() -> create(Map.of("url", "postgresql://empty@127.0.0.1:" + postgres.port() + "/empty",
                "password", "pw2", "objstorage", objects)))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(
                        ErrorCode.SOURCE_FAILURE)).message().doesNotContain("pw2")
                .endsWith("is not a swh-storage database: it has no directory, revision, content or snapshot_branch"
                        + " table.");
    }
}
