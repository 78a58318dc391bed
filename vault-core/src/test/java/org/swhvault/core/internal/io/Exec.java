package org.swhvault.core.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs a real command (git, gzip, tar) isolated from the user's configuration, for tests. */
final class Exec {
    /** What a finished command left. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        Result check() {
            if (exitCode != 0) {
                throw new AssertionError("command failed with exit code " + exitCode + ": " + stderr);
            }
            return this;
        }
    }

    private Exec() {
    }

    /**
     * Runs {@code command} in {@code dir}, feeding {@code stdin} (a file, or nothing if null).
     */
    static Result run(Path dir, Path stdin, List<String> command) {
        return run(dir, stdin, Map.of(), command);
    }

    /** Runs {@code command} with {@code extraEnv} added to (or overriding) the isolated environment. */
    static Result run(Path dir, Path stdin, Map<String, String> extraEnv, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", dir.toString());
        env.put("LC_ALL", "C");
        env.put("GIT_AUTHOR_NAME", "Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.org");
        env.put("GIT_AUTHOR_DATE", "1700000000 +0000");
        env.put("GIT_COMMITTER_NAME", "Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.org");
        env.put("GIT_COMMITTER_DATE", "1700000000 +0000");
        env.putAll(extraEnv);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            int code = p.waitFor();
            return new Result(code, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(Path dir, String... command) {
        return run(dir, null, List.of(command));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
