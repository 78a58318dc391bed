package org.swhvault.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./vault} script, run by bash on a copy of itself in a project of one module, with stand-ins for
 * {@code mvn} (a build that waits until the test releases it) and {@code java}: a real build takes minutes.
 */
class VaultScriptTest {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolveSibling("vault");

    @TempDir
    Path tmp;

    /** Two commands started together on stale sources (the README's two {@code vault serve … &}) build once. */
    @Test
    void twoCommandsStartedTogetherBuildOnceOneAfterTheOther() throws Exception {
        Path root = project();
        Path bin = standIns(root);
        Process first = vault(root, bin, "first");
        awaitThat(() -> Files.isDirectory(root.resolve("building")), "the first build started");
        Process second = vault(root, bin, "second");
        awaitThat(() -> Files.exists(root.resolve("overlap")) || read(root.resolve("second.err")).contains("waiting"),
                "the second command waits or builds");
        Files.createFile(root.resolve("release"));

        assertThat(first.waitFor()).as(read(root.resolve("first.err"))).isZero();
        assertThat(second.waitFor()).as(read(root.resolve("second.err"))).isZero();
        assertThat(root.resolve("overlap")).as("two builds ran at once").doesNotExist();
        assertThat(read(root.resolve("builds")).lines()).as("builds run").hasSize(1);
        assertThat(read(root.resolve("first.out"))).isEqualTo("java ran: --version\n");
        assertThat(read(root.resolve("second.out"))).isEqualTo("java ran: --version\n");
        assertThat(read(root.resolve("second.err")))
                .isEqualTo("vault: waiting for another vault command's build to finish…\n");
    }

    /** Stopping the command while it builds (kill, Ctrl-C) stops the build too, rather than leaving Maven running. */
    @Test
    void aCommandStoppedWhileItBuildsStopsTheBuild() throws Exception {
        Path root = project();
        Path bin = standIns(root);
        Process vault = vault(root, bin, "stopped");
        awaitThat(() -> Files.isDirectory(root.resolve("building")) && !read(root.resolve("mvn.pid")).isBlank(),
                "the build started");
        Path mvn = Path.of("/proc", read(root.resolve("mvn.pid")).strip());
        assertThat(mvn).as("the build's process").exists();

        vault.destroy(); // SIGTERM
        assertThat(vault.waitFor()).isEqualTo(143);
        awaitThat(() -> !Files.exists(mvn), "the build's process ended");
        assertThat(read(root.resolve("stopped.err"))).endsWith("vault: build stopped\n");
        assertThat(root.resolve("examples/target/vault.jar")).doesNotExist();
    }

    /** A copy of the script in a project whose one module has sources and no jar yet. */
    private Path project() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("project"));
        Files.copy(SCRIPT, root.resolve("vault"));
        Files.writeString(root.resolve("pom.xml"), "<project>\n  <modules>\n    <module>examples</module>\n"
                + "  </modules>\n</project>\n");
        Files.createDirectories(root.resolve("examples/src/main/java"));
        Files.writeString(root.resolve("examples/pom.xml"), "<project/>\n");
        Files.writeString(root.resolve("examples/src/main/java/Main.java"), "class Main {}\n");
        return root;
    }

    /**
     * {@code mvn} counts its runs, notes when another one runs at the same time, and finishes once the test
     * creates {@code release}; {@code java} says it ran.
     */
    private Path standIns(Path root) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("mvn"), "#!/bin/sh\n"
                + "echo build >> '" + root + "/builds'\n"
                + "echo $$ > '" + root + "/mvn.pid'\n"
                + "mkdir '" + root + "/building' 2>/dev/null || { touch '" + root + "/overlap'; exit 1; }\n"
                + "while [ ! -e '" + root + "/release' ]; do sleep 0.05; done\n"
                + "mkdir -p examples/target && echo jar > examples/target/vault.jar\n"
                + "rmdir '" + root + "/building'\n");
        executable(bin.resolve("java"), "#!/bin/sh\n"
                + "for a; do last=$a; done\n"
                + "echo \"java ran: $last\"\n");
        return bin;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Process vault(Path root, Path bin, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("vault").toString(), "--version")
                .directory(root.toFile())
                .redirectOutput(root.resolve(name + ".out").toFile())
                .redirectError(root.resolve(name + ".err").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("VAULT_CDS", "0");
        return builder.start();
    }

    /** Waits for a state the processes reach by themselves; a minute means they never will. */
    private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
