package org.swhvault.core;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

/**
 * The vault process {@link VaultCrashTest} kills: it requests bundle 0 of a {@link VaultHarness} archive
 * in {@code args[0]} on the filesystem store and the journal, and cooks it very slowly, printing
 * {@code COOKING} once part of it is written. It never finishes on its own.
 */
public final class CrashingVaultMain {
    static final int SIZE = VaultCrashTest.SIZE;

    private CrashingVaultMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        PrintStream out = System.out;
        VaultHarness h = new VaultHarness(root, 1);
        h.cooker.script((swhid, stream, context) -> {
            byte[] bytes = TestCooker.bytes(swhid, SIZE);
            int half = SIZE / 2;
            stream.write(bytes, 0, half);
            stream.flush();
            out.println("COOKING");
            out.flush();
            for (int off = half; off < SIZE; off += 1024) {
                stream.write(bytes, off, Math.min(1024, SIZE - off));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        JournalRequestStore requests = JournalRequestStore.open(root.resolve("requests"));
        Vault vault = Vault.builder()
                .source(h.source)
                .store(h.store)
                .cookers(Cookers.of(List.of(h.cooker)))
                .requestStore(requests)
                .clock(Clock.systemUTC())
                .instanceId("doomed")
                .build();
        vault.cook(BundleType.FLAT, h.dir(0), java.util.Optional.of("user@example.org"));
        vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ofHours(1));
    }
}
