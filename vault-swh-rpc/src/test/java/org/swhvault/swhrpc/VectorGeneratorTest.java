package org.swhvault.swhrpc;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed vectors are what the committed generator writes (with python3-msgpack, where installed). */
class VectorGeneratorTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Returns whether {@code /usr/bin/python3} can import msgpack, which the generators need. */
    static boolean pythonWithMsgpack() {
        return Files.isExecutable(PYTHON)
                && Processes.command(PYTHON.toString(), "-c", "import msgpack").attempt().exitCode() == 0;
    }

    @Test
    void theCoreVectorsAreWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException, URISyntaxException {
        assumeTrue(pythonWithMsgpack(), "/usr/bin/python3 with python3-msgpack is not installed");
        Path script = Path.of(getClass().getResource("gen_core_vectors.py").toURI());
        Path out = tmp.resolve("core-vectors.json");
        Processes.command(PYTHON.toString(), script.toString(), "--out", out.toString()).run();
        assertThat(Files.readString(out))
                .isEqualTo(Files.readString(Path.of(getClass().getResource("core-vectors.json").toURI())));
    }
}
