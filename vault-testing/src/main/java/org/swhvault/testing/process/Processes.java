package org.swhvault.testing.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The entry point for running real programs from tests.
 *
 * <pre>{@code
 * String listing = Processes.command("tar", "-tzf", bundle.toString()).in(tmp).run().stdoutText();
 * }</pre>
 */
public final class Processes {
    /** How long a command may run unless its {@linkplain Command#timeout(Duration) timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private Processes() {
    }

    /**
     * Starts describing a command; nothing runs until {@link Command#run()} or {@link Command#attempt()}.
     *
     * @param command the program and its arguments
     * @return a command with the defaults described by {@link Command}
     * @throws IllegalArgumentException if {@code command} is empty
     * @throws NullPointerException if {@code command} or one of its elements is null
     */
    public static Command command(String... command) {
        return new Command(List.of(command));
    }

    /**
     * Starts describing a command given as a list.
     *
     * @param command the program and its arguments
     * @return a command with the defaults described by {@link Command}
     * @throws IllegalArgumentException if {@code command} is empty
     * @throws NullPointerException if {@code command} or one of its elements is null
     */
    public static Command command(List<String> command) {
        return new Command(command);
    }

    /**
     * Runs a command in a directory with empty standard input and returns its standard output. Blocks
     * until the command ends.
     *
     * @param directory the working directory
     * @param command the program and its arguments
     * @return everything the command wrote to its standard output
     * @throws AssertionError if the command exits with a non-zero status or times out; the message
     *     holds the command and what it printed
     * @throws java.io.UncheckedIOException if the command cannot be started
     */
    public static byte[] run(Path directory, String... command) {
        return command(command).in(directory).run().stdout();
    }
}
