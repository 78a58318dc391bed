package org.swhvault.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command whose standard output is closed (its reader went away, as {@code | head -1} does) ends at once
 * and quietly, with the status of a SIGPIPE death, even when it has endless input to go through.
 */
class ClosedOutputTest {
    @TempDir
    Path tmp;

    @Test
    void swhidOverEndlessInputEndsWhenItsReaderGoesAway() throws Exception {
        assertEndsQuietly("yes swh:1:cnt:" + "0".repeat(40) + " | ", "swhid", "| head -n 1 >/dev/null", 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "cook --help", "--version"})
    void helpToAReaderThatIsGoneEndsQuietly(String args) throws Exception {
        assertEndsQuietly("", args, "| true", 0);
    }

    /** Runs {@code before vault ARGS after} in bash; the vault's status is PIPESTATUS[index]. */
    private void assertEndsQuietly(String before, String args, String after, int index) throws Exception {
        Path err = tmp.resolve("vault.err");
        String vault = String.join(" ", Cli.childJvm(args.split(" ")).stream().map(a -> "'" + a + "'").toList());
        String script = before + vault + " 2>'" + err + "' " + after + "; echo \"${PIPESTATUS[" + index + "]}\"";
        Process pipe = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String status;
        try {
            assertThat(pipe.waitFor(2, TimeUnit.MINUTES)).as("vault ends when nobody reads it: " + script).isTrue();
            status = new String(pipe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            pipe.descendants().forEach(ProcessHandle::destroyForcibly); // yes and the JVM, if they hang on
            pipe.destroyForcibly();
        }

        assertThat(status).isEqualTo("141");
        assertThat(Files.readString(err)).as(script).isEmpty();
    }
}
