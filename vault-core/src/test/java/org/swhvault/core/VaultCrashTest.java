package org.swhvault.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vault in a child JVM is killed with {@code kill -9} in the middle of a cook; a vault restarted on the
 * same directories knows the request, takes it over, and completes the bundle; nobody ever sees a partial
 * bundle.
 */
@DisabledOnOs(OS.WINDOWS)
class VaultCrashTest {
    static final int SIZE = 3 * 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void aVaultKilledMidCookIsResumedByTheNextRunAndNoPartialBundleIsEverServed() throws Exception {
        Path log = root.resolve("child.log");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), CrashingVaultMain.class.getName(), root.toString())
                .redirectError(log.toFile())
                .start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(2, TimeUnit.MINUTES);
            assertThat(line).as("child output; its log:%n%s", Files.exists(log) ? Files.readString(log) : "")
                    .isEqualTo("COOKING");

            // Half the bundle is written: a reader on the same directory must not see it.
            try (FsBundleStore reader = FsBundleStore.open(root.resolve("store"))) {
                assertThat(reader.list()).as("a bundle half written is invisible").isEmpty();
            }
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).isEqualTo(128 + 9);
        } finally {
            child.destroyForcibly();
        }

        try (VaultHarness h = new VaultHarness(root, 1);
                JournalRequestStore requests = JournalRequestStore.open(root.resolve("requests"))) {
            BundleRequest orphan = requests.get(h.flat(0)).orElseThrow();
            assertThat(orphan.state()).as("the restarted vault knows the request").isEqualTo(RequestState.PENDING);
            assertThat(orphan.lease().orElseThrow().owner()).startsWith("doomed#");
            assertThat(orphan.notifyEmails()).containsExactly("user@example.org");
            assertThat(h.store.stat(h.flat(0))).as("still no partial bundle after the crash").isEmpty();

            h.cooker.script(TestCooker.writing(SIZE));
            List<BundleStatus> done = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (Vault vault = Vault.builder()
                    .source(h.source)
                    .store(h.store)
                    .cookers(Cookers.of(List.of(h.cooker)))
                    .requestStore(requests)
                    .clock(Clock.systemUTC())
                    .listener(new VaultListener() {
                        @Override
                        public void onDone(BundleStatus status, List<String> notifyEmails) {
                            assertThat(notifyEmails).containsExactly("user@example.org");
                            done.add(status);
                        }
                    })
                    .build()) {
                BundleStatus again = vault.cook(BundleType.FLAT, h.dir(0), Optional.of("user@example.org"));
                assertThat(again.id()).isEqualTo(orphan.id());

                BundleStatus status = vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ofMinutes(1));
                assertThat(status.state()).isEqualTo(RequestState.DONE);
                assertThat(status.attempts()).isEqualTo(2);
                assertThat(h.read(vault, h.dir(0))).isEqualTo(TestCooker.bytes(h.dir(0), SIZE));
                BundleInfo info = h.store.stat(h.flat(0)).orElseThrow();
                assertThat(info.size()).isEqualTo(SIZE);
                assertThat(h.store.verify(h.flat(0))).isTrue();
                assertThat(done).hasSize(1);
                assertThat(h.cooker.cooks()).isEqualTo(1);
            }
        }
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path separately. */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
