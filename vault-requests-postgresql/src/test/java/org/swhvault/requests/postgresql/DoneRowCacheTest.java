package org.swhvault.requests.postgresql;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Done rows are kept in memory so that polling a cooked bundle's status needs no query; a change or a deletion
 * by another process reaches the cache through LISTEN/NOTIFY, and nothing stale outlives it.
 */
class DoneRowCacheTest {
    private static final BundleKey KEY = new BundleKey(BundleType.FLAT, Swhid.parse("swh:1:dir:" + "3c".repeat(20)));
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static TestPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        postgres.createDatabase("cache", "pw");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static PostgresRequestStore open() {
        return PostgresRequestStore.open(new PostgresLocation("127.0.0.1", postgres.port(), "cache", "cache",
                Optional.of("pw")), 2, Duration.ofSeconds(10));
    }

    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> ok) throws InterruptedException {
        T value = read.get();
        for (int i = 0; i < 100 && !ok.test(value); i++) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }

    @Test
    void aCachedDoneRowFollowsChangesAndDeletionsMadeElsewhere() throws Exception {
        try (PostgresRequestStore reader = open(); PostgresRequestStore writer = open()) {
            BundleRequest row = writer.createIfAbsent(KEY, T0);
            BundleRequest done = writer.compareAndSet(row, row.toBuilder().state(RequestState.DONE)
                    .done(Optional.of(T0.plusSeconds(5))).build()).orElseThrow();
            assertThat(eventually(() -> reader.get(KEY), r -> r.isPresent() && r.get().version() == done.version()))
                    .contains(done);
            assertThat(reader.get(KEY)).as("served from memory now").contains(done);

            BundleRequest touched = writer.compareAndSet(done, done.toBuilder().lastAccess(T0.plusSeconds(60))
                    .sticky(true).build()).orElseThrow();
            assertThat(eventually(() -> reader.get(KEY), r -> r.isPresent() && r.get().sticky())).contains(touched);

            assertThat(writer.delete(touched)).isTrue();
            assertThat(eventually(() -> reader.get(KEY), Optional::isEmpty)).as("deleted elsewhere").isEmpty();
        }
    }

    @Test
    void aChangeMadeHereIsSeenHereAtOnce() {
        try (PostgresRequestStore store = open()) {
            BundleKey key = new BundleKey(BundleType.GITFAST, Swhid.parse("swh:1:rev:" + "4d".repeat(20)));
            BundleRequest row = store.createIfAbsent(key, T0);
            BundleRequest done = store.compareAndSet(row, row.toBuilder().state(RequestState.DONE)
                    .done(Optional.of(T0)).build()).orElseThrow();
            assertThat(store.get(key)).contains(done);
            BundleRequest sticky = store.compareAndSet(done, done.toBuilder().sticky(true).build()).orElseThrow();
            assertThat(store.get(key)).contains(sticky);
            assertThat(store.delete(sticky)).isTrue();
            assertThat(store.get(key)).isEmpty();
        }
    }

    @Test
    void aRowMadeDoneHereIsAnsweredFromMemoryWithoutAQuery() throws Exception {
        try (PostgresRequestStore store = open(); java.sql.Connection raw = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/cache", "cache", "pw")) {
            // the cache is trusted once the store listens, a few milliseconds after it opened: try a few bundles
            for (int i = 0; i < 100; i++) {
                BundleKey key = new BundleKey(BundleType.FLAT, Swhid.parse(String.format("swh:1:dir:%040x", 0x6f00 + i)));
                BundleRequest row = store.createIfAbsent(key, T0);
                BundleRequest done = store.compareAndSet(row, row.toBuilder().state(RequestState.DONE)
                        .done(Optional.of(T0)).build()).orElseThrow();
                // changed behind the store's back, without the notification every store sends: a query would see it
                try (java.sql.PreparedStatement ps = raw.prepareStatement(
                        "UPDATE swhvault_request SET sticky = true WHERE id = ?")) {
                    ps.setLong(1, done.id());
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                if (store.get(key).orElseThrow().equals(done)) {
                    return; // the row as this store wrote it: answered from memory
                }
                Thread.sleep(20);
            }
            throw new AssertionError("a row made done here was read back from the database every time");
        }
    }

    @Test
    void onlyChangesOfDoneRowsAreAnnouncedForCachesTheOthersHaveNothingToEvict() throws Exception {
        BundleKey key = new BundleKey(BundleType.FLAT, Swhid.parse("swh:1:dir:" + "5e".repeat(20)));
        String payload = key.format() + " " + key.swhid();
        try (java.sql.Connection listener = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/cache", "cache", "pw");
                PostgresRequestStore store = open()) {
            try (java.sql.Statement st = listener.createStatement()) {
                st.execute("LISTEN " + PostgresRequestStore.CHANGED);
            }
            BundleRequest row = store.createIfAbsent(key, T0);
            BundleRequest pending = store.compareAndSet(row, row.toBuilder().state(RequestState.PENDING)
                    .lease(Optional.of(new org.swhvault.spi.request.Lease("test", T0.plusSeconds(60)))).build())
                    .orElseThrow();
            BundleRequest done = store.compareAndSet(pending, pending.toBuilder().state(RequestState.DONE)
                    .lease(Optional.empty()).done(Optional.of(T0)).build()).orElseThrow();
            BundleRequest sticky = store.compareAndSet(done, done.toBuilder().sticky(true).build()).orElseThrow();
            assertThat(store.delete(sticky)).isTrue();

            try (java.sql.Statement st = listener.createStatement()) {
                st.execute("NOTIFY " + PostgresRequestStore.CHANGED + ", 'end'"); // after every change above
            }
            java.util.List<String> heard = new java.util.ArrayList<>();
            org.postgresql.PGConnection pg = listener.unwrap(org.postgresql.PGConnection.class);
            for (int i = 0; i < 100 && !heard.contains("end"); i++) {
                org.postgresql.PGNotification[] notes = pg.getNotifications(100);
                for (org.postgresql.PGNotification note : notes == null ? new org.postgresql.PGNotification[0] : notes) {
                    heard.add(note.getParameter());
                }
            }
            assertThat(heard).as("done -> sticky, then the deletion; new -> pending -> done announce nothing")
                    .containsExactly(payload, payload, "end");
        }
    }
}
