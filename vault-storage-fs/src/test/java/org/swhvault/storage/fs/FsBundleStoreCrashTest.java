package org.swhvault.storage.fs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;

import static org.assertj.core.api.Assertions.assertThat;

class FsBundleStoreCrashTest {
    @TempDir
    Path root;

    @TempDir
    Path scratch;

    @Test
    void garbageOfADeadStoreIsRemovedOnOpen() throws IOException {
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        // What a store that died leaves: its (no longer locked) lock file and temporary files.
        Files.writeString(tmp.resolve("0123456789abcdef.lock"), "pid 999999\n");
        Files.write(tmp.resolve("0123456789abcdef-1.part"), new byte[1000]);
        Files.write(tmp.resolve("0123456789abcdef-2.part"), new byte[10]);
        // A temporary file whose lock file is already gone, and strays.
        Files.write(tmp.resolve("fedcba9876543210-7.part"), new byte[10]);
        Files.writeString(tmp.resolve("stray"), "x");
        Files.createDirectories(tmp.resolve("old/dir"));
        Files.writeString(tmp.resolve("old/dir/file"), "x");

        FsBundleStore store = FsBundleStore.open(root);
        try {
            assertThat(tmpFiles()).hasSize(1).allMatch(name -> name.endsWith(".lock"));
        } finally {
            store.close();
        }
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void openingAStoreKeepsTheTemporaryFilesOfALiveStoreInThisJvm() throws IOException {
        BundleKey key = Patterns.key(1);
        try (FsBundleStore first = FsBundleStore.open(root); BundleWriter writer = first.create(key)) {
            Patterns.write(writer.stream(), 1, 200_000);
            writer.stream().flush();
            try (FsBundleStore second = FsBundleStore.open(root)) {
                assertThat(tmpFiles()).filteredOn(name -> name.endsWith(".part")).hasSize(1);
                writer.commit();
                assertThat(second.verify(key)).isTrue();
                assertThat(second.stat(key).orElseThrow().size()).isEqualTo(200_000);
            }
        }
    }

    @Test
    void aWriterKilledWithSigkillLeavesNothingVisibleAndItsGarbageIsSwept() throws Exception {
        Path stderr = scratch.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), SlowWriterMain.class.getName(),
                root.toString())
                .redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).as("child said (stderr: %s)", Files.readString(stderr)).isEqualTo("writing");

            try (FsBundleStore observer = FsBundleStore.open(root)) {
                // The child is alive and holds its lock: opening a store must not remove its file.
                List<String> parts = tmpFiles().stream().filter(name -> name.endsWith(".part")).toList();
                assertThat(parts).hasSize(1);
                assertThat(Files.size(root.resolve("tmp").resolve(parts.get(0)))).isGreaterThan(1024 * 1024);
                assertThat(observer.stat(Patterns.key(2))).isEmpty();

                Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
                assertThat(kill.waitFor()).isZero();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
                assertThat(tmpFiles()).contains(parts.get(0));

                try (FsBundleStore reopened = FsBundleStore.open(root)) {
                    assertThat(tmpFiles()).hasSize(2).allMatch(name -> name.endsWith(".lock"));
                    assertThat(reopened.stat(Patterns.key(2))).isEmpty();
                    assertThat(reopened.stat(Patterns.key(1)).orElseThrow().size()).isEqualTo(10_000);
                    assertThat(reopened.verify(Patterns.key(1))).isTrue();
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private List<String> tmpFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
