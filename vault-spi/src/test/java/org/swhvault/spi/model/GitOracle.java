package org.swhvault.spi.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real {@code git} binary, isolated from the user's configuration, as a test oracle. */
final class GitOracle {
    private GitOracle() {
    }

    /** Runs git in {@code dir} with {@code stdin} (or nothing) and returns its standard output as text. */
    static String run(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        return new String(runBytes(dir, stdin, Map.of(), args), StandardCharsets.UTF_8);
    }

    /** Runs git and returns its standard output; fails with git's standard error on a non-zero exit. */
    static byte[] runBytes(Path dir, byte[] stdin, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("GIT_"));
        Path home = Files.createDirectories(dir.resolve(".oracle-home"));
        e.put("HOME", home.toString());
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("GIT_CONFIG_GLOBAL", "/dev/null");
        e.put("GIT_CEILING_DIRECTORIES", dir.getParent() == null ? dir.toString() : dir.getParent().toString());
        e.put("GIT_AUTHOR_NAME", "Oracle Author");
        e.put("GIT_AUTHOR_EMAIL", "author@example.org");
        e.put("GIT_AUTHOR_DATE", "@1700000000 +0000");
        e.put("GIT_COMMITTER_NAME", "Oracle Committer");
        e.put("GIT_COMMITTER_EMAIL", "committer@example.org");
        e.put("GIT_COMMITTER_DATE", "@1700000000 +0000");
        e.put("LC_ALL", "C");
        e.putAll(env);
        Path in = Files.createTempFile(home, "stdin", ".bin");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        try {
            Files.write(in, stdin == null ? new byte[0] : stdin);
            pb.redirectInput(in.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            if (code != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " exited with " + code + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(err);
        }
    }
}
