package org.swhvault.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;

import static org.assertj.core.api.Assertions.assertThat;

class VaultOutOfMemoryTest {
    static final String SENTENCE =
            "The vault ran out of memory while cooking this bundle; the operator can raise the heap (-Xmx).";

    @TempDir
    Path dir;

    @Test
    void aCookThatRunsOutOfMemoryFailsWithOneSentenceLoggedOnceAndTheVaultCooksOn() {
        String log;
        try (VaultHarness h = new VaultHarness(dir, 2); Vault vault = h.builder().build()) {
            h.cooker.script((swhid, out, context) -> {
                if (swhid.equals(h.dir(0))) {
                    throw new OutOfMemoryError("Java heap space");
                }
                out.write(1);
            });
            vault.cook(BundleType.FLAT, h.dir(0));
            vault.cook(BundleType.FLAT, h.dir(1));
            log = VaultHarness.logDuring(h.executor::runAll);

            BundleStatus failed = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
            assertThat(failed.state()).isEqualTo(RequestState.FAILED);
            assertThat(failed.progressMessage()).contains(SENTENCE);
            assertThat(failed.failure()).contains(ErrorCode.INTERNAL_ERROR);
            assertThat(failed.attempts()).as("not retried: the same heap would run out again").isEqualTo(1);
            assertThat(vault.status(BundleType.FLAT, h.dir(1)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        }
        List<String> errors = log.lines().filter(l -> l.contains(" ERROR ")).toList();
        assertThat(errors).singleElement().asString().contains("ran out of memory");
    }

    @Test
    void aRealOutOfMemoryInAChildJvmFailsOneBundleAndTheSameWorkerCooksTheNext() throws Exception {
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", VaultCrashTest.classPath(), OutOfMemoryVaultMain.class.getName(), dir.toString())
                .redirectError(log.toFile())
                .start();
        try {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String childLog = Files.readString(log);
            assertThat(child.exitValue()).as("child log:%n%s", childLog).isZero();
            assertThat(out.lines()).containsExactly("failed|" + SENTENCE, "done|", "workers|1");
            assertThat(childLog.lines().filter(l -> l.contains(" ERROR ")))
                    .singleElement().asString().contains("ran out of memory");
            assertThat(childLog).doesNotContain("Exception in thread");
        } finally {
            child.destroyForcibly();
        }
    }
}
