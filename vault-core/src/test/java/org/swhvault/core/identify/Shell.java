package org.swhvault.core.identify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs {@code sh -c} in a directory: the way to make file names that Java cannot spell. */
final class Shell {
    private Shell() {
    }

    static String run(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("sh -c " + script + " failed: " + out);
        }
        return out;
    }
}
