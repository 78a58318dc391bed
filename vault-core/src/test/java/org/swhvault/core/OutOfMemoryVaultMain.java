package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.swhvault.core.cook.Cookers;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

/**
 * The vault process {@link VaultOutOfMemoryTest} runs on a small heap: on one worker thread, bundle 0 of a
 * {@link VaultHarness} archive in {@code args[0]} fills the heap until the JVM throws a real
 * {@link OutOfMemoryError}, then bundle 1 cooks normally. Prints each bundle's state and message, then how
 * many worker threads cooked.
 */
public final class OutOfMemoryVaultMain {
    private OutOfMemoryVaultMain() {
    }

    public static void main(String[] args) throws Exception {
        VaultHarness h = new VaultHarness(Path.of(args[0]), 2);
        Set<String> workers = ConcurrentHashMap.newKeySet();
        h.cooker.script((swhid, out, context) -> {
            workers.add(Thread.currentThread().getName());
            if (swhid.equals(h.dir(0))) {
                List<byte[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new byte[1 << 20]);
                }
            }
            out.write(TestCooker.bytes(swhid, 100));
        });
        try (Vault vault = Vault.builder()
                .source(h.source)
                .store(h.store)
                .cookers(Cookers.of(List.of(h.cooker)))
                .maxConcurrentCooks(1)
                .build()) {
            for (int i = 0; i < 2; i++) {
                vault.cook(BundleType.FLAT, h.dir(i));
                BundleStatus status = vault.awaitCompletion(BundleType.FLAT, h.dir(i), Duration.ofMinutes(1));
                System.out.println(status.state() + "|" + status.progressMessage().orElse(""));
            }
        }
        System.out.println("workers|" + workers.size());
        h.close();
    }
}
