package org.swhvault.core.request;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.testing.request.RequestStoreConformanceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalRequestStoreTest extends RequestStoreConformanceTest {
    @TempDir
    Path dir;

    @Override
    protected RequestStore open() {
        return JournalRequestStore.open(dir.resolve("requests"));
    }

    private Path journal() {
        return dir.resolve("requests").resolve("journal");
    }

    /** A few rows in every state, a deleted one, emails, a lease and a batch. */
    private void fill() {
        BundleRequest a = store.createIfAbsent(A, T0);
        store.compareAndSet(a, a.toBuilder().state(RequestState.PENDING).attempts(1)
                .lease(Optional.of(new Lease("w#1", T0.plusSeconds(60))))
                .progressMessage(Optional.of("Écriture des objets (3/10)"))
                .addNotifyEmail("a@example.org").addNotifyEmail("b@example.org").build());
        BundleRequest b = store.createIfAbsent(B, T0);
        b = store.compareAndSet(b, b.toBuilder().state(RequestState.DONE).done(Optional.of(T0.plusSeconds(9)))
                .sticky(true).build()).orElseThrow();
        BundleRequest c = store.createIfAbsent(C, T0);
        store.delete(c);
        store.createBatch(List.of(A, B));
    }

    private List<Object> snapshot(RequestStore s) {
        return List.of(s.list(RequestState.NEW), s.list(RequestState.PENDING), s.list(RequestState.DONE),
                s.list(RequestState.FAILED), s.batch(1), s.batch(2));
    }

    @Test
    void aReopenedStoreKnowsEveryRowVersionAndBatchAndReusesNoId() {
        fill();
        List<Object> before = snapshot(store);
        store.close();

        store = open();
        assertThat(snapshot(store)).isEqualTo(before);
        assertThat(store.get(A).orElseThrow().progressMessage()).contains("Écriture des objets (3/10)");
        assertThat(store.createIfAbsent(C, T0).id()).isEqualTo(4);
        assertThat(store.createBatch(List.of(C))).isEqualTo(2);
    }

    @Test
    void aLastRecordCutShortAnywhereIsIgnoredAndTheJournalStaysUsable() throws IOException {
        fill();
        List<Object> complete = snapshot(store);
        long beforeLast = Files.size(journal());
        BundleRequest a = store.get(A).orElseThrow();
        store.compareAndSet(a, a.toBuilder().sticky(true).build());
        store.close();
        byte[] bytes = Files.readAllBytes(journal());

        // Every cut inside the frame header, then every fifth byte of the payload and its last byte.
        java.util.SortedSet<Long> cuts = new java.util.TreeSet<>();
        for (long cut = beforeLast; cut < bytes.length; cut += cut < beforeLast + 9 ? 1 : 5) {
            cuts.add(cut);
        }
        cuts.add((long) bytes.length - 1);
        for (long cut : cuts) {
            Files.write(journal(), java.util.Arrays.copyOf(bytes, (int) cut));
            store = open();
            assertThat(snapshot(store)).as("cut at %d", cut).isEqualTo(complete);
            BundleRequest b = store.get(B).orElseThrow();
            store.compareAndSet(b, b.toBuilder().sticky(false).build());
            store.close();
            store = open();
            assertThat(store.get(B).orElseThrow().sticky()).as("appended after a cut at %d", cut).isFalse();
            store.close();
        }
        store = open();
    }

    @Test
    void aLastRecordWithABadChecksumIsIgnored() throws IOException {
        fill();
        List<Object> complete = snapshot(store);
        store.createIfAbsent(key("dd"), T0);
        store.close();
        byte[] bytes = Files.readAllBytes(journal());
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(journal(), bytes);

        store = open();
        assertThat(snapshot(store)).isEqualTo(complete);
        assertThat(store.get(key("dd"))).isEmpty();
    }

    @Test
    void theJournalIsCompactedWhenItGrowsAndKeepsEverything() {
        store.close();
        JournalRequestStore journal = JournalRequestStore.open(dir.resolve("requests"), 4096);
        store = journal;
        fill();
        long grownTo = 0;
        for (int i = 0; i < 500; i++) {
            BundleRequest a = store.get(A).orElseThrow();
            store.compareAndSet(a, a.toBuilder().progressMessage(Optional.of("Writing objects (" + i + "/500)")).build());
            grownTo = Math.max(grownTo, journal.journalSize());
        }
        List<Object> before = snapshot(store);
        assertThat(journal.journalSize()).isLessThan(4096);
        assertThat(grownTo).isGreaterThanOrEqualTo(4096 - 200);
        store.close();

        store = open();
        assertThat(snapshot(store)).isEqualTo(before);
        assertThat(store.createIfAbsent(key("ee"), T0).id()).as("the deleted row's id stays used").isEqualTo(4);
    }

    private static UnaryOperator<BundleRequest> claimed(String owner) {
        return r -> r.toBuilder().state(RequestState.PENDING).lease(Optional.of(new Lease(owner, T0.plusSeconds(60))))
                .attempts(1).build();
    }

    /** Creates {@code key} on another thread, which must wait: returns the thread's result once it has it. */
    private CompletableFuture<BundleRequest> createWaiting(BundleKey key) throws InterruptedException {
        CompletableFuture<BundleRequest> created = new CompletableFuture<>();
        Thread creator = new Thread(() -> created.complete(store.createIfAbsent(key, T0.plusSeconds(1))));
        creator.start();
        while (creator.getState() != Thread.State.WAITING && !created.isDone()) {
            Thread.sleep(1);
        }
        assertThat(created).as("a second creation waits for the first").isNotDone();
        return created;
    }

    @Test
    void aCreationInFlightIsInvisibleMakesASecondCreatorWaitAndIsDurableOnceCommitted() throws Exception {
        RowCreation creation = store.beginCreate(A, T0, claimed("w#1"), () -> { });
        assertThat(store.get(A)).isEmpty();
        assertThat(store.list(RequestState.PENDING)).isEmpty();
        assertThat(store.get(creation.row().id())).isEmpty();
        CompletableFuture<BundleRequest> second = createWaiting(A);

        creation.commit();
        assertThat(second.get(1, TimeUnit.MINUTES)).as("it sees the claimed row").isEqualTo(creation.row());
        assertThat(store.get(A)).contains(creation.row());
        assertThat(creation.row().lease().orElseThrow().owner()).isEqualTo("w#1");
        store.close();
        store = open();
        assertThat(store.get(A)).contains(creation.row());
    }

    @Test
    void anAbortedCreationLeavesNoRowAndTheWaitingCreatorMakesItsOwn() throws Exception {
        RowCreation creation = store.beginCreate(A, T0, claimed("w#1"), () -> { });
        CompletableFuture<BundleRequest> second = createWaiting(A);

        creation.abort();
        BundleRequest own = second.get(1, TimeUnit.MINUTES);
        assertThat(own.state()).isEqualTo(RequestState.NEW);
        assertThat(own.id()).as("ids are not reused").isGreaterThan(creation.row().id());
        store.close();
        store = open();
        assertThat(store.list(RequestState.PENDING)).as("the aborted claim does not come back").isEmpty();
        assertThat(store.get(A)).contains(own);
    }

    @Test
    void aCompactionWhileACreationIsInFlightKeepsItsOutcome() {
        store.close();
        JournalRequestStore journal = JournalRequestStore.open(dir.resolve("requests"), 4096);
        store = journal;
        RowCreation committed = store.beginCreate(A, T0, claimed("w#1"), () -> { });
        RowCreation aborted = store.beginCreate(B, T0, claimed("w#2"), () -> { });
        long before = journal.journalSize();
        BundleRequest c = store.createIfAbsent(C, T0);
        for (int i = 0; i < 200; i++) {
            c = store.compareAndSet(c, c.toBuilder().progressMessage(Optional.of("step " + i)).build()).orElseThrow();
        }
        assertThat(journal.journalSize()).as("compacted meanwhile").isLessThan(before + 200 * 50);
        committed.commit();
        aborted.abort();
        store.close();

        store = open();
        assertThat(store.get(A)).contains(committed.row());
        assertThat(store.get(B)).isEmpty();
    }

    @Test
    void aCallerWhoseThreadIsInterruptedNeitherFailsNorBreaksTheJournalForTheOthers() {
        // a host thread with its interrupt flag set (a cancelled task, a server thread being stopped) requesting
        // a bundle: NIO channels close themselves when the thread writing to them is interrupted
        Thread.currentThread().interrupt();
        BundleRequest a;
        try {
            a = store.createIfAbsent(A, T0);
            store.compareAndSet(a, a.toBuilder().sticky(true).build());
        } finally {
            assertThat(Thread.interrupted()).as("the caller's interrupt flag is kept").isTrue();
        }
        store.createIfAbsent(B, T0);
        List<Object> written = snapshot(store);
        store.close();

        store = open();
        assertThat(snapshot(store)).isEqualTo(written);
        assertThat(store.get(A).orElseThrow().sticky()).isTrue();
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("is already in use by another vault");
        store.close();
        store = open();
        assertThat(store.isExclusive()).isTrue();
    }

    @Test
    void aFileThatIsNotAJournalIsRefused() throws IOException {
        store.close();
        Files.writeString(journal(), "hello, world");

        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("is not a request journal");
        Files.delete(journal());
        store = open();
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.get(A)).hasMessageContaining("is closed");
        store = open();
    }

    @Test
    void aRecordThisVersionCannotReadIsAnErrorNotACrash() throws IOException {
        store.close();
        byte[] payload = {99};
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.allocate(9).putInt(1).putInt((int) crc.getValue()).put(payload).flip());
        }

        assertThatThrownBy(this::open).hasMessageContaining("unknown journal record type 99");
        Files.delete(journal());
        store = open();
    }
}
