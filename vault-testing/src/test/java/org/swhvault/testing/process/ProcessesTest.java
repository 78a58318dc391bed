package org.swhvault.testing.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void standardInputIsFedAndOutputsAreCapturedApart() {
        ProcessResult r = Processes.command("sh", "-c", "tr a-z A-Z; echo oops >&2")
                .stdin("hello".getBytes(StandardCharsets.UTF_8)).run();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdoutText()).isEqualTo("HELLO");
        assertThat(r.stderrText()).isEqualTo("oops\n");
    }

    @Test
    void aFileCanBeTheStandardInput() throws Exception {
        Path in = Files.write(tmp.resolve("in"), new byte[] {0, (byte) 0xff, 10});
        assertThat(Processes.command("od", "-An", "-tx1").stdin(in).run().stdoutText().trim())
                .isEqualTo("00 ff 0a");
    }

    @Test
    void withoutStdinTheProgramReadsEndOfFile() {
        assertThat(Processes.command("wc", "-c").run().stdoutText().trim()).isEqualTo("0");
    }

    @Test
    void runsInTheGivenDirectory() throws Exception {
        Files.writeString(tmp.resolve("marker"), "x");
        assertThat(new String(Processes.run(tmp, "ls"), StandardCharsets.UTF_8)).isEqualTo("marker\n");
    }

    @Test
    void aNonZeroExitFailsWithTheCommandItsStatusAndWhatItPrinted() {
        assertThatThrownBy(() -> Processes.command("sh", "-c", "echo partial; echo broken pipe dream >&2; exit 3").run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sh -c")
                .hasMessageContaining("status 3")
                .hasMessageContaining("broken pipe dream")
                .hasMessageContaining("partial");
    }

    @Test
    void attemptReturnsAFailureInsteadOfThrowing() {
        ProcessResult r = Processes.command("sh", "-c", "exit 7").attempt();
        assertThat(r.exitCode()).isEqualTo(7);
        assertThatThrownBy(r::requireSuccess).isInstanceOf(AssertionError.class);
    }

    @Test
    void aProgramRunningPastItsTimeoutIsKilled() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Processes.command("sleep", "30").timeout(Duration.ofMillis(300)).attempt())
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not end within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void largeOutputsOnBothStreamsWithLargeInputDoNotBlock() {
        byte[] input = new byte[4 << 20];
        ProcessResult r = Processes.command("sh", "-c", "tee /dev/stderr")
                .stdin(input).timeout(Duration.ofMinutes(1)).run();
        assertThat(r.stdout()).hasSize(input.length);
        assertThat(r.stderr()).hasSize(input.length);
    }

    @Test
    void theLocaleIsCAndVariablesAreSetInOrder() {
        ProcessResult r = Processes.command("sh", "-c", "echo $LC_ALL $A $B")
                .env("A", "first").env(Map.of("B", "b")).environment(env -> env.put("A", "second")).run();
        assertThat(r.stdoutText()).isEqualTo("C second b\n");
    }

    @Test
    void aProgramThatCannotStartFailsClearly() {
        assertThatThrownBy(() -> Processes.command("/nonexistent/program").run())
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("/nonexistent/program");
    }

    @Test
    void resultsCopyTheirBytes() {
        byte[] out = {1, 2};
        ProcessResult r = new ProcessResult(java.util.List.of("x"), 0, out, new byte[0]);
        out[0] = 9;
        r.stdout()[1] = 9;
        assertThat(r.stdout()).containsExactly(1, 2);
        assertThat(r).isEqualTo(new ProcessResult(java.util.List.of("x"), 0, new byte[] {1, 2}, new byte[0]));
    }
}
