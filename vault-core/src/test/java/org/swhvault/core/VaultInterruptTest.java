package org.swhvault.core;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host calls the vault from threads it may interrupt (a cancelled task, a request whose client left): the
 * call may be cut short, but says so, keeps the flag, and leaves the vault working for the other callers.
 */
class VaultInterruptTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedCallerIsToldItWasInterruptedAndTheVaultServesTheOthers() {
        try (VaultHarness h = new VaultHarness(dir, 1);
                JournalRequestStore requests = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = h.builder().requestStore(requests).build()) {
            Thread.currentThread().interrupt();
            try {
                assertThat(vault.cook(BundleType.FLAT, h.dir(0), Optional.empty()).state().isFinal()).isFalse();
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
            h.executor.runAll();
            assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);

            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> h.read(vault, h.dir(0)))
                        .isInstanceOfSatisfying(VaultException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED))
                        .hasMessage("Interrupted while using the bundle store.");
            } finally {
                assertThat(Thread.interrupted()).as("the flag is kept").isTrue();
            }
            assertThat(h.read(vault, h.dir(0))).isNotEmpty();
        }
    }
}
