package org.swhvault.requests.postgresql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.OpenBundle;
import org.swhvault.core.Vault;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.cook.TestCooker;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vaults sharing one PostgreSQL request store and one bundle directory, in one JVM so that every cook can be
 * counted: each bundle is cooked once whichever vault was asked, new work recorded elsewhere wakes an idle
 * vault at once, a PostgreSQL restart loses nothing, and exclusive tasks run in one vault at a time.
 */
class SharedVaultsTest {
    private static final int BUNDLES = 100;
    private static TestPostgres postgres;
    private static MemoryObjectSource archive;
    private static final List<Swhid> DIRS = new ArrayList<>();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path tmp;

    private final Map<Swhid, AtomicInteger> cooks = new ConcurrentHashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresLocation location;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        MemorySourceBuilder builder = MemoryObjectSource.builder();
        for (int i = 0; i < BUNDLES; i++) {
            String text = "bundle " + i + "\n";
            DIRS.add(Swhid.of(ObjectType.DIRECTORY, builder.directory(t -> t.file("README", text))));
        }
        archive = builder.build();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private PostgresLocation newDatabase() {
        String name = "shared" + DATABASES.incrementAndGet();
        postgres.createDatabase(name, "pw");
        location = new PostgresLocation("127.0.0.1", postgres.port(), name, name, Optional.of("pw"));
        return location;
    }

    private <T extends AutoCloseable> T opened(T resource) {
        open.add(resource);
        return resource;
    }

    /** A vault with its own request store on the shared database and its own view of the shared bundle directory. */
    private Vault vault(String id, Duration lease) throws IOException {
        return vault(id, lease, false);
    }

    private Vault vault(String id, Duration lease, boolean overlapClaimCommits) throws IOException {
        PostgresRequestStore requests = opened(PostgresRequestStore.open(location, 4, Duration.ofSeconds(60),
                overlapClaimCommits));
        FsBundleStore store = opened(FsBundleStore.open(tmp.resolve("bundles")));
        TestCooker cooker = TestCooker.flat((swhid, out, context) -> {
            cooks.computeIfAbsent(swhid, s -> new AtomicInteger()).incrementAndGet();
            sleep(5);
            out.write(TestCooker.bytes(swhid, 1000));
        });
        return opened(Vault.builder().source(archive).store(store).requestStore(requests)
                .cookers(Cookers.of(List.of(cooker))).instanceId(id).leaseDuration(lease)
                .retryBackoff(Duration.ofMillis(100)).maxConcurrentCooks(2).build());
    }

    @Test
    void threeHundredRequestsForAHundredBundlesToThreeVaultsAreEachCookedOnceThroughARestart() throws Exception {
        newDatabase();
        List<Vault> vaults = List.of(vault("v1", Duration.ofSeconds(10)), vault("v2", Duration.ofSeconds(10)),
                vault("v3", Duration.ofSeconds(10)));
        int cookedBeforeRestart = requestThroughARestart(vaults);
        assertThat(cookedBeforeRestart).as("the restart came while bundles were still to cook").isLessThan(BUNDLES);
        assertThat(cooks).hasSize(BUNDLES);
        assertThat(cooks.values()).as("each bundle cooked exactly once").allSatisfy(n -> assertThat(n).hasValue(1));
    }

    @Test
    void withClaimsCommittedWhileTheyCookARestartLosesNothingAndEveryBundleIsWhole() throws Exception {
        newDatabase();
        List<Vault> vaults = List.of(vault("v1", Duration.ofSeconds(10), true),
                vault("v2", Duration.ofSeconds(10), true), vault("v3", Duration.ofSeconds(10), true));
        requestThroughARestart(vaults);
        assertThat(cooks).hasSize(BUNDLES);
        for (Swhid dir : DIRS) {
            try (OpenBundle bundle = vaults.get(1).open(BundleType.FLAT, dir); InputStream in = bundle.stream()) {
                assertThat(in.readAllBytes()).as(dir.toString()).isEqualTo(TestCooker.bytes(dir, 1000));
            }
        }
    }

    /**
     * Sends 300 requests for the 100 bundles, spread over the vaults, with a PostgreSQL restart after the first
     * 100, and waits until every bundle is done. Returns how many bundles had been cooked at the restart.
     */
    private int requestThroughARestart(List<Vault> vaults) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        int cookedBeforeRestart = -1;
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 3 * BUNDLES; i++) {
                Vault vault = vaults.get(i % 3);
                Swhid dir = DIRS.get((i * 7) % BUNDLES);
                sent.add(clients.submit(() -> vault.cook(BundleType.FLAT, dir)));
                if (i == BUNDLES) {
                    cookedBeforeRestart = cooks.size();
                    postgres.restart(); // in the middle: connections cut, the server away for a moment
                }
            }
            for (Future<?> f : sent) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        for (Swhid dir : DIRS) {
            assertThat(vaults.get(0).awaitCompletion(BundleType.FLAT, dir, Duration.ofMinutes(2)).state())
                    .as(dir.toString()).isEqualTo(RequestState.DONE);
        }
        return cookedBeforeRestart;
    }

    @Test
    void newWorkRecordedElsewhereWakesAnIdleVaultAtOnce() throws Exception {
        newDatabase();
        Vault idle = vault("idle", Duration.ofMinutes(10)); // its own sweep would come after 5 minutes
        Thread.sleep(500); // it is listening
        PostgresRequestStore elsewhere = opened(PostgresRequestStore.open(location, 2, Duration.ofSeconds(10)));
        Instant start = Instant.now();
        elsewhere.createIfAbsent(new BundleKey(BundleType.FLAT, DIRS.get(0)), start);

        assertThat(idle.awaitCompletion(BundleType.FLAT, DIRS.get(0), Duration.ofSeconds(20)).state())
                .isEqualTo(RequestState.DONE);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(cooks.get(DIRS.get(0))).hasValue(1);
    }

    @Test
    void anExclusiveTaskRunsInOneStoreAtATime() throws Exception {
        newDatabase();
        PostgresRequestStore one = opened(PostgresRequestStore.open(location, 2, Duration.ofSeconds(10)));
        PostgresRequestStore two = opened(PostgresRequestStore.open(location, 2, Duration.ofSeconds(10)));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> one.runExclusively("expiry", () -> {
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        first.start();
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ranTwo = new AtomicInteger();
        assertThat(two.runExclusively("expiry", ranTwo::incrementAndGet)).as("held by the other").isFalse();
        assertThat(two.runExclusively("another task", ranTwo::incrementAndGet)).isTrue();
        release.countDown();
        first.join(30_000);
        assertThat(two.runExclusively("expiry", ranTwo::incrementAndGet)).isTrue();
        assertThat(ranTwo).hasValue(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
