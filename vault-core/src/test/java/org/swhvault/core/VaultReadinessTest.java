package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;

import static org.assertj.core.api.Assertions.assertThat;

/** A vault whose host executor refuses its cooks says so when asked whether it is ready, and recovers with it. */
class VaultReadinessTest {
    @TempDir
    Path dir;
    VaultHarness h;
    Vault vault;

    @AfterEach
    void stop() {
        if (vault != null) {
            vault.close();
        }
        h.close();
    }

    @Test
    void anExecutorShutDownUnderTheVaultMakesItNotReady() {
        h = new VaultHarness(dir);
        ExecutorService host = Executors.newSingleThreadExecutor();
        vault = h.builder().executor(host).build();
        assertThat(vault.checkReady()).isEmpty();

        host.shutdown();
        vault.cook(BundleType.FLAT, h.dir(0));

        assertThat(vault.checkReady()).contains("The vault cannot cook: the executor refused to run a cook (it is"
                + " shut down).");
    }

    @Test
    void anExecutorThatTakesWorkAgainMakesItReadyAgainAndTheRequestIsCooked() {
        h = new VaultHarness(dir);
        AtomicBoolean refusing = new AtomicBoolean(true);
        vault = h.builder().executor(task -> {
            if (refusing.get()) {
                throw new RejectedExecutionException("full");
            }
            h.executor.execute(task);
        }).build();

        vault.cook(BundleType.FLAT, h.dir(0));
        assertThat(vault.checkReady()).contains("The vault cannot cook: the executor refused to run a cook.");

        refusing.set(false);
        // the claimed request waits for its lease, then a sweep hands it to the executor, which takes it
        h.scheduler.advance(VaultHarness.LEASE.plus(Duration.ofMinutes(2)));
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(vault.checkReady()).isEmpty();
    }
}
