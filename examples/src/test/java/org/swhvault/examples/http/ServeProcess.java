package org.swhvault.examples.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.swhvault.http.Processes;
import static org.assertj.core.api.Assertions.assertThat;

/** A running {@code vault serve} in its own JVM, started with the test class path; its stderr read line by line. */
final class ServeProcess {
    private static final Pattern SERVING = Pattern.compile("vault: serving (http://\\S+/)api/1/vault/ .*");

    final Process process;
    final URI uri;
    final long startMillis;
    /** The "vault: serving …" line. */
    final String startLine;
    private final BlockingQueue<String> stderr;
    /** Every line of standard error so far, in order, also those {@link #awaitLine} read. */
    final List<String> log;

    private ServeProcess(Process process, URI uri, BlockingQueue<String> stderr, List<String> log, long startMillis,
            String startLine) {
        this.process = process;
        this.log = log;
        this.uri = uri;
        this.stderr = stderr;
        this.startMillis = startMillis;
        this.startLine = startLine;
    }

    /**
     * Starts {@code vault serve ARGS} in an environment isolated with {@link Processes#isolate} plus {@code env},
     * and waits for the line saying where it serves.
     */
    static ServeProcess start(Path home, Map<String, String> env, List<String> jvmOptions, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.swhvault.examples.cli.VaultCommand",
                "serve"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Processes.isolate(pb.environment(), home);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                r.lines().forEach(l -> {
                    log.add(l);
                    lines.add(l);
                });
            } catch (Exception e) {
                lines.add("(stderr failed: " + e + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
        ServeProcess unstarted = new ServeProcess(p, null, lines, log, 0, null);
        String line;
        try {
            line = unstarted.awaitLine(SERVING);
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        Matcher m = SERVING.matcher(line);
        assertThat(m.matches()).isTrue();
        return new ServeProcess(p, URI.create(m.group(1)), lines, log, (System.nanoTime() - start) / 1_000_000, line);
    }

    /** Stops it with SIGTERM: the shutdown hook closes the server, the vault and the stores. */
    void stop() throws Exception {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    /** Waits for a line of standard error that matches. */
    String awaitLine(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = stderr.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (pattern.matcher(line).matches()) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line matching " + pattern + " in " + seen);
    }
}
