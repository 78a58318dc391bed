package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultStateMachineTest {
    @TempDir
    Path dir;
    VaultHarness h;
    Vault vault;

    @BeforeEach
    void start() {
        h = new VaultHarness(dir);
        vault = h.builder().build();
    }

    @AfterEach
    void stop() {
        vault.close();
        h.close();
    }

    @Test
    void aNewRequestIsCreatedClaimedAndHandedToTheExecutorWhenTheVaultHasRoom() {
        BundleStatus status = vault.cook(BundleType.FLAT, h.dir(0));

        assertThat(status.state()).isEqualTo(RequestState.PENDING);
        assertThat(status.progressMessage()).contains("Processing...");
        assertThat(status.attempts()).isEqualTo(1);
        assertThat(status.done()).isEmpty();
        assertThat(status.created()).isEqualTo(VaultHarness.START);
        assertThat(status.key()).isEqualTo(h.flat(0));
        assertThat(vault.status(BundleType.FLAT, h.dir(0))).contains(status);
        assertThat(h.executor.queued()).isEqualTo(1);
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(h.cooker.cooks()).isEqualTo(1);
    }

    @Test
    void aNewRequestBeyondTheVaultsRoomIsNewWithoutProgressAndWaitsItsTurn() {
        vault.close();
        vault = h.builder().maxConcurrentCooks(1).build();
        vault.cook(BundleType.FLAT, h.dir(0));
        BundleStatus status = vault.cook(BundleType.FLAT, h.dir(1));

        assertThat(status.state()).isEqualTo(RequestState.NEW);
        assertThat(status.state().apiName()).isEqualTo("new");
        assertThat(status.progressMessage()).isEmpty();
        assertThat(status.attempts()).isZero();
        assertThat(vault.status(BundleType.FLAT, h.dir(1))).contains(status);
        assertThat(h.executor.queued()).as("only the first runs").isEqualTo(1);
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(1)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(h.cooker.cooks()).isEqualTo(2);
    }

    @Test
    void aQueuedRequestCooksToDoneAndServesItsBytes() {
        long id = vault.cook(BundleType.FLAT, h.dir(0)).id();
        h.clock.advance(Duration.ofSeconds(3));
        h.executor.runAll();

        BundleStatus done = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(done.id()).isEqualTo(id);
        assertThat(done.state()).isEqualTo(RequestState.DONE);
        assertThat(done.done()).contains(VaultHarness.START.plusSeconds(3));
        assertThat(done.progressMessage()).isEmpty();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(h.read(vault, h.dir(0))).isEqualTo(TestCooker.bytes(h.dir(0), 1000));
    }

    @Test
    void whileCookingTheRequestIsPendingWithTheReferenceProgressMessage() {
        h.cooker.script((swhid, out, context) -> {
            BundleStatus during = vault.status(BundleType.FLAT, swhid).orElseThrow();
            assertThat(during.state()).isEqualTo(RequestState.PENDING);
            assertThat(during.progressMessage()).contains("Processing...");
            assertThat(vault.cook(BundleType.FLAT, swhid).state()).isEqualTo(RequestState.PENDING);
            out.write(1);
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        assertThat(h.cooker.cooks()).isEqualTo(1);
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
    }

    @Test
    void cookingIsIdempotentInEveryState() {
        long id = vault.cook(BundleType.FLAT, h.dir(0)).id();
        assertThat(vault.cook(BundleType.FLAT, h.dir(0)).id()).isEqualTo(id);
        assertThat(h.executor.queued()).isEqualTo(1);
        h.executor.runAll();

        BundleStatus again = vault.cook(BundleType.FLAT, h.dir(0));
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.state()).isEqualTo(RequestState.DONE);
        assertThat(h.executor.runAll()).isZero();
        assertThat(h.cooker.cooks()).isEqualTo(1);
    }

    @Test
    void qualifiersNameTheSameBundle() {
        long id = vault.cook(BundleType.FLAT, h.dir(0)).id();
        Swhid qualified = Swhid.parse(h.dir(0) + ";origin=https://example.org/repo.git");

        assertThat(vault.cook(BundleType.FLAT, qualified).id()).isEqualTo(id);
    }

    @Test
    void anObjectMissingFromTheArchiveIsRefusedAtRequestTime() {
        assertThatThrownBy(() -> vault.cook(BundleType.FLAT, h.missingDir))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
                .hasMessage(h.missingDir + " not found.");
        assertThat(vault.status(BundleType.FLAT, h.missingDir)).isEmpty();
        assertThat(h.executor.queued()).isZero();
    }

    @Test
    void anUncookableTypeIsRefusedWithTheReferenceWording() {
        assertThatThrownBy(() -> vault.cook(BundleType.FLAT, h.content))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessage("Content objects do not need to be cooked, use `/api/1/content/raw/` instead.");
        assertThatThrownBy(() -> vault.cook(BundleType.GITFAST, h.dir(0)))
                .hasMessage("No cooker is installed for 'gitfast' bundles.");
    }

    @Test
    void anInternalErrorFailsWithOneSentenceAndTheNextRequestCooksAgainUnderTheSameId() {
        h.cooker.script((swhid, out, context) -> {
            throw new IllegalStateException("boom\n\tat some.Frame(Source.java:1)");
        });
        long id = vault.cook(BundleType.FLAT, h.dir(0)).id();
        h.executor.runAll();

        BundleStatus failed = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(failed.state()).isEqualTo(RequestState.FAILED);
        assertThat(failed.progressMessage()).contains("Internal error while cooking; the incident was logged.");
        assertThat(failed.failure()).contains(ErrorCode.INTERNAL_ERROR);
        assertThat(h.executor.queued()).isZero();

        h.cooker.script(TestCooker.writing(10));
        BundleStatus again = vault.cook(BundleType.FLAT, h.dir(0));
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.state()).isEqualTo(RequestState.NEW);
        assertThat(again.progressMessage()).isEmpty();
        assertThat(again.failure()).isEmpty();
        assertThat(again.attempts()).isZero();
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
    }

    @Test
    void aTooLargeBundleFailsWithTheReferenceMessageAndLeavesNothingInTheStore() throws Exception {
        vault.close();
        vault = h.builder().maxBundleSize(BundleType.FLAT, 8).build();
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        BundleStatus failed = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(failed.state()).isEqualTo(RequestState.FAILED);
        assertThat(failed.progressMessage())
                .contains("The requested bundle exceeds the maximum allowed size of 8 bytes.");
        assertThat(failed.failure()).contains(ErrorCode.BUNDLE_TOO_LARGE);
        try (var listed = h.store.list()) {
            assertThat(listed).isEmpty();
        }
    }

    @Test
    void aMissingReferencedObjectFailsNamingItAndHintingAtReplication() {
        String missing = "swh:1:cnt:" + "12".repeat(20);
        h.cooker.script((swhid, out, context) -> {
            out.write(new byte[100]);
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, "Content " + missing + " is missing");
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        BundleStatus failed = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(failed.progressMessage()).contains(missing
                + " was not found in the archive (it may not have been replicated to this mirror yet).");
        assertThat(failed.failure()).contains(ErrorCode.OBJECT_NOT_FOUND);
        assertThatThrownBy(() -> vault.open(BundleType.FLAT, h.dir(0)))
                .hasMessage("Cooked archive for " + h.dir(0) + " not found.");
    }

    @Test
    void aCookerUserErrorShowsItsFirstLineOnly() {
        h.cooker.script((swhid, out, context) -> {
            throw new VaultException(ErrorCode.CORRUPT_OBJECT, "Directory entry '..' cannot be cooked.\nmore detail");
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().progressMessage())
                .contains("Directory entry '..' cannot be cooked.");
    }

    @Test
    void aDoneBundleWhoseFileVanishedReadsAsNeverCookedAndIsCookedAgainOnRequest() throws Exception {
        long id = vault.cook(BundleType.FLAT, h.dir(0)).id();
        h.executor.runAll();
        h.store.delete(h.flat(0));

        assertThat(vault.status(BundleType.FLAT, h.dir(0))).isEmpty();
        assertThatThrownBy(() -> vault.open(BundleType.FLAT, h.dir(0)))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
                .hasMessage("Cooked archive for " + h.dir(0) + " not found.");

        BundleStatus again = vault.cook(BundleType.FLAT, h.dir(0));
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.state()).isEqualTo(RequestState.NEW);
        assertThat(again.done()).isEmpty();
        h.executor.runAll();
        assertThat(h.cooker.cooks()).isEqualTo(2);
        assertThat(h.read(vault, h.dir(0))).hasSize(1000);
    }

    @Test
    void openingRecordsTheAccessTime() {
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();
        h.clock.advance(Duration.ofHours(5));

        h.read(vault, h.dir(0));
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().lastAccess())
                .isEqualTo(VaultHarness.START.plus(Duration.ofHours(5)));
        h.clock.advance(Duration.ofHours(1));
        vault.status(BundleType.FLAT, h.dir(0));
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().lastAccess())
                .as("a status check is not an access")
                .isEqualTo(VaultHarness.START.plus(Duration.ofHours(5)));
    }

    @Test
    void byteRangesAreServedAndBoundedByTheBundle() throws Exception {
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();
        byte[] whole = TestCooker.bytes(h.dir(0), 1000);

        try (OpenBundle part = vault.open(BundleType.FLAT, h.dir(0), 990, 100)) {
            assertThat(part.offset()).isEqualTo(990);
            assertThat(part.length()).isEqualTo(10);
            assertThat(part.info().size()).isEqualTo(1000);
            assertThat(part.isWhole()).isFalse();
            assertThat(part.stream().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(whole, 990, 1000));
        }
        try (OpenBundle empty = vault.open(BundleType.FLAT, h.dir(0), 1000, 5)) {
            assertThat(empty.length()).isZero();
            assertThat(empty.stream().readAllBytes()).isEmpty();
        }
        assertThatThrownBy(() -> vault.open(BundleType.FLAT, h.dir(0), 1001, 5))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("The range starts at byte 1001 but the bundle has 1000 bytes.");
        assertThatThrownBy(() -> vault.open(BundleType.FLAT, h.dir(0), -1, 5))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void aBundleNotYetCookedCannotBeOpenedOrLinked() {
        vault.cook(BundleType.FLAT, h.dir(0));

        assertThatThrownBy(() -> vault.open(BundleType.FLAT, h.dir(0)))
                .hasMessage("Cooked archive for " + h.dir(0) + " not found.");
        assertThatThrownBy(() -> vault.downloadUrl(BundleType.FLAT, h.dir(0), Duration.ofHours(1)))
                .hasMessage("Cooked archive for " + h.dir(0) + " not found.");
        assertThatThrownBy(() -> vault.open(BundleType.FLAT, h.dir(1)))
                .hasMessage("Cooked archive for " + h.dir(1) + " not found.");
    }

    @Test
    void aStoreThatCannotSignUrlsGivesNoDownloadUrl() {
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        assertThat(vault.downloadUrl(BundleType.FLAT, h.dir(0), Duration.ofHours(1))).isEmpty();
    }

    @Test
    void awaitingCompletionReturnsTheFinalStatusOrTheCurrentOneWhenTimeRunsOut() {
        assertThatThrownBy(() -> vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ZERO))
                .hasMessage("Cooking of " + h.dir(0) + " was never requested.");
        vault.cook(BundleType.FLAT, h.dir(0));
        assertThat(vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ZERO).state())
                .isEqualTo(RequestState.PENDING);
        h.executor.runAll();
        assertThat(vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ofMinutes(1)).state())
                .isEqualTo(RequestState.DONE);
    }

    @Test
    void stickinessIsRecordedAndNeedsARequest() {
        vault.cook(BundleType.FLAT, h.dir(0));
        vault.setSticky(h.flat(0), true);
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().sticky()).isTrue();
        vault.setSticky(h.flat(0), false);
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().sticky()).isFalse();

        assertThatThrownBy(() -> vault.setSticky(h.flat(1), true))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
                .hasMessage("Cooking of " + h.dir(1) + " was never requested.");
    }

    @Test
    void aClosedVaultRefusesRequests() {
        vault.close();
        vault.close();

        assertThatThrownBy(() -> vault.cook(BundleType.FLAT, h.dir(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The vault is closed.");
    }

    @Test
    void noMoreCooksRunAtOnceThanAllowedWhateverTheExecutor() {
        vault.close();
        vault = h.builder().maxConcurrentCooks(2).build();
        for (int i = 0; i < 5; i++) {
            vault.cook(BundleType.FLAT, h.dir(i), Optional.empty());
        }
        assertThat(h.executor.queued()).isEqualTo(2);
        h.executor.runNext();
        assertThat(h.executor.queued()).as("a finished cook lets the next one go").isEqualTo(2);
        h.executor.runAll();
        assertThat(h.cooker.cooks()).isEqualTo(5);
    }
}
