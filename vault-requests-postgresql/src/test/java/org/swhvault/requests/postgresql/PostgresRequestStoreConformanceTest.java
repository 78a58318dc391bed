package org.swhvault.requests.postgresql;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.testing.postgres.TestPostgres;
import org.swhvault.testing.request.RequestStoreConformanceTest;

/** The request store suite on a real PostgreSQL, a new database per test, with a second store as a second process. */
class PostgresRequestStoreConformanceTest extends RequestStoreConformanceTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    static TestPostgres postgres;
    PostgresLocation location;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    protected RequestStore open() {
        String name = "conformance" + DATABASES.incrementAndGet();
        postgres.createDatabase(name, "pw-" + name);
        location = new PostgresLocation("127.0.0.1", postgres.port(), name, name, Optional.of("pw-" + name));
        return PostgresRequestStore.open(location, 4, Duration.ofSeconds(10), overlapClaimCommits());
    }

    @Override
    protected Optional<RequestStore> openAnother() {
        return Optional.of(PostgresRequestStore.open(location, 4, Duration.ofSeconds(10), overlapClaimCommits()));
    }

    /** Whether the stores under test cook new requests while their claims commit. */
    boolean overlapClaimCommits() {
        return false;
    }
}
