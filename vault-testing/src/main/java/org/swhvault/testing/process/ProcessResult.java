package org.swhvault.testing.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a command ended and what it printed.
 *
 * @param command the program and its arguments
 * @param exitCode the exit status
 * @param stdout everything written to standard output (copied in and out)
 * @param stderr everything written to standard error (copied in and out)
 */
public record ProcessResult(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {
    /** How much of each output a failure message quotes. */
    private static final int QUOTED_CHARS = 8_000;

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public ProcessResult {
        command = List.copyOf(command);
        stdout = Objects.requireNonNull(stdout, "stdout is null").clone();
        stderr = Objects.requireNonNull(stderr, "stderr is null").clone();
    }

    /**
     * Returns a copy of the standard output.
     *
     * @return the bytes written to standard output
     */
    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /**
     * Returns a copy of the standard error.
     *
     * @return the bytes written to standard error
     */
    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /**
     * Returns the standard output decoded as UTF-8 (malformed bytes become U+FFFD).
     *
     * @return the output text, untrimmed
     */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Returns the standard error decoded as UTF-8 (malformed bytes become U+FFFD).
     *
     * @return the error text, untrimmed
     */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Checks that the command succeeded.
     *
     * @return this result
     * @throws AssertionError if the exit status is not zero; the message holds the command, the status,
     *     the standard error and the standard output
     */
    public ProcessResult requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(describe("exited with status " + exitCode));
        }
        return this;
    }

    /** Describes a failure of this command, quoting (the start of) what it printed. */
    String describe(String what) {
        StringBuilder message = new StringBuilder(String.join(" ", command)).append(' ').append(what);
        quote(message, "stderr", stderrText());
        quote(message, "stdout", stdoutText());
        return message.toString();
    }

    private static void quote(StringBuilder message, String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        message.append("\n--- ").append(name).append(":\n");
        if (text.length() > QUOTED_CHARS) {
            message.append(text, 0, QUOTED_CHARS).append("\n[... ").append(text.length() - QUOTED_CHARS)
                    .append(" more characters]");
        } else {
            message.append(text);
        }
    }

    /**
     * Compares command, exit status and output bytes.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a result with equal components
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessResult r && exitCode == r.exitCode && command.equals(r.command)
                && Arrays.equals(stdout, r.stdout) && Arrays.equals(stderr, r.stderr);
    }

    /**
     * Hashes command, exit status and output bytes.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return Objects.hash(command, exitCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr));
    }

    /**
     * Describes the result without its output bytes.
     *
     * @return the command, the exit status and the output sizes
     */
    @Override
    public String toString() {
        return "ProcessResult[command=" + command + ", exitCode=" + exitCode + ", stdout=" + stdout.length
                + " bytes, stderr=" + stderr.length + " bytes]";
    }
}
