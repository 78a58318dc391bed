package org.swhvault.requests.postgresql;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.Vault;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.cook.TestCooker;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vault's readiness check ({@code GET /readyz}) on a PostgreSQL request store says at once, in the server's own
 * sentence, that PostgreSQL cannot be reached, rather than retrying the read as requests do (for a minute, by
 * default), and is ready again once the server is back.
 */
class ReadinessTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        postgres.createDatabase("ready", "pw");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aStoppedServerIsReportedInOneSentenceAndItsReturnIsNoticed() throws Exception {
        PostgresLocation location = new PostgresLocation("127.0.0.1", postgres.port(), "ready", "ready",
                Optional.of("pw"));
        try (PostgresRequestStore requests = PostgresRequestStore.open(location, 2, Duration.ofSeconds(2));
                FsBundleStore store = FsBundleStore.open(tmp.resolve("bundles"));
                Vault vault = Vault.builder().source(MemoryObjectSource.builder().build()).store(store)
                        .requestStore(requests).cookers(Cookers.of(List.of(TestCooker.flat((swhid, out, c) -> { }))))
                        .build()) {
            assertThat(vault.checkReady()).isEmpty();
            postgres.stop();
            assertThat(vault.checkReady()).contains("The request store (" + location + ") does not answer: Cannot"
                    + " reach PostgreSQL at 127.0.0.1:" + postgres.port() + ": Connection to 127.0.0.1:"
                    + postgres.port() + " refused.");
            postgres.restart();
            assertThat(vault.checkReady()).isEmpty();
        }
    }
}
