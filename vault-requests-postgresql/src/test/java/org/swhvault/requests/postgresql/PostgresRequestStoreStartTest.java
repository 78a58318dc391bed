package org.swhvault.requests.postgresql;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.Plugins;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RequestStoreProvider;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What stops the store from opening is one sentence; the schema is versioned and upgraded once. */
class PostgresRequestStoreStartTest {
    private static TestPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
        postgres.createDatabase("vault", "right");
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private static PostgresLocation at(int port, String database, String user, String password) {
        return new PostgresLocation("127.0.0.1", port, database, user, Optional.ofNullable(password));
    }

    private static void refused(PostgresLocation location, String sentence) {
        assertThatThrownBy(() -> PostgresRequestStore.open(location, 2, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessage(sentence);
    }

    @Test
    void aMissingDatabaseWrongCredentialsOrNoServerAreOneSentenceEach() throws Exception {
        int port = postgres.port();
        refused(at(port, "nowhere", "vault", "right"), "The database 'nowhere' does not exist on PostgreSQL at"
                + " 127.0.0.1:" + port + "; create it (createdb -O vault nowhere) or name another.");
        refused(at(port, "vault", "vault", "wrong"), "PostgreSQL at 127.0.0.1:" + port + " refused the user 'vault':"
                + " wrong password, or no access to the database.");
        refused(at(port, "vault", "vault", null), "PostgreSQL at 127.0.0.1:" + port + " refused the user 'vault':"
                + " no password was found (set PGPASSWORD, or add a line to ~/.pgpass).");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> PostgresRequestStore.open(at(closed, "vault", "vault", "right"), 2,
                Duration.ofSeconds(1))).isInstanceOf(VaultException.class)
                .hasMessageStartingWith("Cannot reach PostgreSQL at 127.0.0.1:" + closed + ": Connection to 127.0.0.1:"
                        + closed + " refused.");
    }

    @Test
    void theSchemaIsCreatedOnceAndRecordsItsVersion() {
        postgres.createDatabase("schema", "pw");
        PostgresLocation location = at(postgres.port(), "schema", "schema", "pw");
        try (RequestStore first = PostgresRequestStore.open(location, 2, Duration.ofSeconds(1));
                RequestStore second = PostgresRequestStore.open(location, 2, Duration.ofSeconds(1))) {
            assertThat(postgres.psql("schema", "SELECT version || ' ' || script FROM swhvault_schema_version"))
                    .isEqualTo("1 V1__requests_and_batches.sql");
        }
        postgres.psql("schema", "INSERT INTO swhvault_schema_version (version, script) VALUES (99, 'future.sql')");
        refused(location, "The database's request schema is at version 99, newer than this vault knows (1); upgrade"
                + " the vault.");
    }

    @Test
    void theUrisConnectionParametersReachTheServerFromThePoolAndTheStoresOwnConnections() {
        postgres.createDatabase("params", "pw");
        RequestStoreProvider provider = Plugins.find(RequestStoreProvider.class, RequestStoreProvider::name,
                "postgresql", getClass().getClassLoader());
        String url = "postgresql://params@127.0.0.1:" + postgres.port() + "/params";
        try (RequestStore store = provider.create(Map.of("url", url + "?sslmode=disable&application_name=mirror-vault"
                + "&connect_timeout=3", "password", "pw"))) {
            store.createBatch(List.of(new BundleKey(BundleType.FLAT, Swhid.parse(
                    "swh:1:dir:0000000000000000000000000000000000000001"))));
            store.checkAnswers();
            assertThat(postgres.psql("SELECT string_agg(DISTINCT application_name, ',') FROM pg_stat_activity"
                    + " WHERE usename = 'params'")).as("not the default, swhvault").isEqualTo("mirror-vault");
            assertThat(store.toString()).isEqualTo(url + "?sslmode=disable&application_name=mirror-vault"
                    + "&connect_timeout=3");
        }
        assertThatThrownBy(() -> provider.create(Map.of("url", url + "?sslmode=require", "password", "pw")))
                .isInstanceOf(VaultException.class).hasMessage("PostgreSQL at 127.0.0.1:" + postgres.port() + " does"
                        + " not accept TLS connections, which sslmode=require requires; set ssl = on in the server's"
                        + " postgresql.conf, or sslmode=prefer (or disable) in the URI.");
        assertThatThrownBy(() -> provider.create(Map.of("url", url + "?sslmode=bogus", "password", "pw")))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full");
    }

    @Test
    void theProviderIsFoundByNameAndItsPasswordIsASecret() {
        RequestStoreProvider provider = Plugins.find(RequestStoreProvider.class, RequestStoreProvider::name,
                "postgresql", getClass().getClassLoader());
        assertThat(provider.secretProperties()).containsExactly("password");
        try (RequestStore store = provider.create(Map.of("url", "postgresql://vault@127.0.0.1:" + postgres.port()
                + "/vault", "password", "right", "pool-size", "3"))) {
            assertThat(store.toString()).isEqualTo("postgresql://vault@127.0.0.1:" + postgres.port() + "/vault");
        }
        assertThatThrownBy(() -> provider.create(Map.of("url", "postgresql://vault@127.0.0.1/vault", "pool", "3")))
                .hasMessage("The postgresql request store does not know the setting 'pool';"
                        + " its settings are 'url', 'password', 'pool-size', 'retry-for', 'overlap-claim-commits'.");
    }
}
