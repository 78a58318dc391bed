package org.swhvault.objstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.swhvault.testing.process.ProcessResult;
import org.swhvault.testing.process.Processes;

/** Runs the Python oracles of this package's test resources with Debian's /usr/bin/python3. */
final class Python {
    static final String PYTHON = "/usr/bin/python3";

    private Python() {
    }

    /** Runs a script of the test resources with arguments; fails the test if it fails. */
    static ProcessResult run(Path workDir, String script, List<String> arguments) {
        Path copy = workDir.resolve(script);
        if (!Files.exists(copy)) {
            try (InputStream in = Python.class.getResourceAsStream(script)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + script);
                }
                Files.copy(in, copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, copy.toString()));
        command.addAll(arguments);
        return Processes.command(command).in(workDir).run();
    }
}
