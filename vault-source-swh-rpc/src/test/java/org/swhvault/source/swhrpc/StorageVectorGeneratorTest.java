package org.swhvault.source.swhrpc;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed storage vectors are what the committed generator writes, where python3-msgpack is installed. */
class StorageVectorGeneratorTest {
    @Test
    void theStorageVectorsAreWhatTheGeneratorWrites(@TempDir Path tmp) throws Exception {
        String python = "/usr/bin/python3";
        assumeTrue(Files.isExecutable(Path.of(python))
                && Processes.command(python, "-c", "import msgpack").attempt().exitCode() == 0,
                "/usr/bin/python3 with python3-msgpack is not installed");
        Path out = tmp.resolve("storage-vectors.json");
        Processes.command(python, Path.of(getClass().getResource("gen_storage_vectors.py").toURI()).toString(),
                "--out", out.toString()).run();
        assertThat(Files.readString(out))
                .isEqualTo(Files.readString(Path.of(getClass().getResource("storage-vectors.json").toURI())));
    }
}
