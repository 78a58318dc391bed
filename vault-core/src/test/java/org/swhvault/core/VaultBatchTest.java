package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultBatchTest {
    @TempDir
    Path dir;
    VaultHarness h;
    Vault vault;

    @BeforeEach
    void start() {
        h = new VaultHarness(dir);
        vault = h.builder().expiryPolicy(ExpiryPolicy.keepForever().withMaxAge(Duration.ofHours(1))).build();
    }

    @AfterEach
    void stop() {
        vault.close();
        h.close();
    }

    @Test
    void aBatchRequestsEveryBundleOnceAndCountsThemPerState() {
        long id = vault.cookBatch(List.of(h.flat(0), h.flat(1), h.flat(0)));

        BatchStatus queued = vault.batchStatus(id);
        assertThat(queued.id()).isEqualTo(id);
        assertThat(queued.bundles()).extracting(BundleStatus::key).containsExactly(h.flat(0), h.flat(1));
        assertThat(queued.count(RequestState.PENDING)).as("claimed at once: the vault has room for both")
                .isEqualTo(2);
        assertThat(queued.counts()).containsOnlyKeys(RequestState.values());

        h.executor.runNext();
        BatchStatus half = vault.batchStatus(id);
        assertThat(half.count(RequestState.DONE)).isEqualTo(1);
        assertThat(half.count(RequestState.PENDING)).isEqualTo(1);
        h.executor.runAll();
        assertThat(vault.batchStatus(id).count(RequestState.DONE)).isEqualTo(2);
        assertThat(h.cooker.cooks()).isEqualTo(2);
    }

    @Test
    void aBatchWithABundleThatCannotBeCookedRequestsNothing() {
        BundleKey missing = new BundleKey(BundleType.FLAT, h.missingDir);

        assertThatThrownBy(() -> vault.cookBatch(List.of(h.flat(0), missing)))
                .hasMessage(h.missingDir + " not found.");
        assertThatThrownBy(() -> vault.cookBatch(List.of(h.flat(0), new BundleKey(BundleType.FLAT, h.content))))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThatThrownBy(() -> vault.cookBatch(List.of()))
                .hasMessage("A batch needs at least one bundle.");
        assertThat(vault.status(BundleType.FLAT, h.dir(0))).isEmpty();
    }

    @Test
    void anUnknownBatchIsReportedWithTheReferenceWording() {
        assertThatThrownBy(() -> vault.batchStatus(42))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
                .hasMessage("Batch 42 does not exist.");
    }

    @Test
    void evictedBundlesLeaveTheBatch() {
        long id = vault.cookBatch(List.of(h.flat(0), h.flat(1)));
        h.executor.runAll();
        vault.setSticky(h.flat(1), true);
        h.clock.advance(Duration.ofHours(2));
        vault.expireNow();

        BatchStatus status = vault.batchStatus(id);
        assertThat(status.bundles()).extracting(BundleStatus::key).containsExactly(h.flat(1));
        assertThat(status.count(RequestState.DONE)).isEqualTo(1);
    }
}
