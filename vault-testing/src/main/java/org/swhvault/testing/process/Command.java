package org.swhvault.testing.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A program to run, described step by step, then run with {@link #run()} (which fails on a non-zero exit
 * status) or {@link #attempt()} (which does not). Made by {@link Processes#command(String...)}.
 *
 * <p>Defaults: the working directory of the JVM, empty standard input, the JVM's environment with
 * {@code LC_ALL=C} (so that messages and sort orders do not depend on the user's locale), and a timeout
 * of {@link Processes#DEFAULT_TIMEOUT}. Standard output and standard error are captured whole, in
 * memory, each read on its own thread, so a program that writes much to both never blocks.
 *
 * <p>A command is a mutable description, not thread-safe; it may be run several times.
 */
public final class Command {
    private final List<String> command;
    private final List<Consumer<Map<String, String>>> environment = new ArrayList<>();
    private Path directory;
    private byte[] stdinBytes;
    private Path stdinFile;
    private Duration timeout = Processes.DEFAULT_TIMEOUT;

    Command(List<String> command) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program to run");
        }
        environment.add(env -> env.put("LC_ALL", "C"));
    }

    /**
     * Sets the working directory.
     *
     * @param directory an existing directory
     * @return this command
     */
    public Command in(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory is null");
        return this;
    }

    /**
     * Feeds bytes to the standard input, then closes it.
     *
     * @param bytes what the program reads; copied
     * @return this command
     */
    public Command stdin(byte[] bytes) {
        this.stdinBytes = Objects.requireNonNull(bytes, "bytes is null").clone();
        this.stdinFile = null;
        return this;
    }

    /**
     * Feeds a file to the standard input.
     *
     * @param file a readable file
     * @return this command
     */
    public Command stdin(Path file) {
        this.stdinFile = Objects.requireNonNull(file, "file is null");
        this.stdinBytes = null;
        return this;
    }

    /**
     * Sets one environment variable, after the earlier environment changes.
     *
     * @param name the variable
     * @param value its value
     * @return this command
     */
    public Command env(String name, String value) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        environment.add(env -> env.put(name, value));
        return this;
    }

    /**
     * Sets environment variables, after the earlier environment changes.
     *
     * @param variables names and values; copied
     * @return this command
     */
    public Command env(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        environment.add(env -> env.putAll(copy));
        return this;
    }

    /**
     * Changes the environment in any way, for example to remove variables, after the earlier changes.
     *
     * @param edit receives the mutable environment the program will get
     * @return this command
     */
    public Command environment(Consumer<Map<String, String>> edit) {
        environment.add(Objects.requireNonNull(edit, "edit is null"));
        return this;
    }

    /**
     * Sets how long the program may run before it (and its descendants) are killed.
     *
     * @param timeout a positive duration
     * @return this command
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Command timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Runs the program and checks that it succeeded. Blocks until it ends.
     *
     * @return what the program printed, with exit status 0
     * @throws AssertionError if the program exits with a non-zero status or runs out of time; the message
     *     holds the command and what it printed
     * @throws UncheckedIOException if the program cannot be started or fed
     * @throws IllegalStateException if the thread is interrupted (the program is killed)
     */
    public ProcessResult run() {
        return attempt().requireSuccess();
    }

    /**
     * Runs the program, whatever exit status it ends with. Blocks until it ends.
     *
     * @return the exit status and what the program printed
     * @throws AssertionError if the program runs out of time
     * @throws UncheckedIOException if the program cannot be started or fed
     * @throws IllegalStateException if the thread is interrupted (the program is killed)
     */
    public ProcessResult attempt() {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        environment.forEach(edit -> edit.accept(builder.environment()));
        if (stdinFile != null) {
            builder.redirectInput(stdinFile.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        try {
            return finish(process);
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
        }
    }

    private ProcessResult finish(Process process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        FutureTask<byte[]> out = background(process.getInputStream(), "stdout");
        FutureTask<byte[]> err = background(process.getErrorStream(), "stderr");
        FutureTask<byte[]> in = stdinFile != null ? null : background(process.getOutputStream(), stdinBytes);
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                kill(process);
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout
                        + "; it was killed");
            }
            long left = Math.max(0, deadline - System.nanoTime());
            if (in != null) {
                in.get(left, TimeUnit.NANOSECONDS);
            }
            return new ProcessResult(command, process.exitValue(), out.get(left, TimeUnit.NANOSECONDS),
                    err.get(left, TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } catch (TimeoutException e) {
            // The program ended, but a program it started keeps its output open.
            throw new AssertionError(String.join(" ", command) + " ended, but its output stayed open beyond "
                    + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw new UncheckedIOException(String.join(" ", command) + ": " + io.getMessage(), io.getCause());
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static FutureTask<byte[]> background(InputStream stream, String name) {
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read its " + name, e);
            }
        });
        start(task, name);
        return task;
    }

    private static FutureTask<byte[]> background(OutputStream stream, byte[] bytes) {
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (stream) {
                if (bytes != null) {
                    stream.write(bytes);
                }
            } catch (IOException e) {
                // A program may end without reading all its input: its exit status and output tell.
            }
            return bytes;
        });
        start(task, "stdin");
        return task;
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, "process-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
