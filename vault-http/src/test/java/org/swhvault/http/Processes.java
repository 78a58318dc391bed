package org.swhvault.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs real binaries ({@code git}, {@code tar}, {@code curl}) as test oracles, with git isolated from the
 * user's configuration and with fixed author and committer names and dates.
 */
public final class Processes {
    /** What a process printed and how it ended. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Processes() {
    }

    /** The isolated environment every process gets. */
    public static void isolate(Map<String, String> env, Path home) {
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", home.toString());
        env.put("GIT_AUTHOR_NAME", "Test Author");
        env.put("GIT_AUTHOR_EMAIL", "author@example.org");
        env.put("GIT_AUTHOR_DATE", "1700000000 +0100");
        env.put("GIT_COMMITTER_NAME", "Test Committer");
        env.put("GIT_COMMITTER_EMAIL", "committer@example.org");
        env.put("GIT_COMMITTER_DATE", "1700000000 +0100");
        env.put("LC_ALL", "C");
        env.remove("http_proxy");
        env.remove("HTTP_PROXY");
        env.remove("all_proxy");
        env.remove("ALL_PROXY");
    }

    /** Runs a command in {@code dir} and returns what happened, whatever the exit code. */
    public static Result run(Path dir, Path home, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        isolate(pb.environment(), home);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must succeed and returns its standard output, trimmed. */
    public static String check(Path dir, Path home, String... command) {
        Result r = run(dir, home, List.of(command));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.stderr());
        }
        return r.out().trim();
    }
}
