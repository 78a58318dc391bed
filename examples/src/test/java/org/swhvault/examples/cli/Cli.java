package org.swhvault.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the vault command line in-process with captured streams. */
final class Cli {
    private Cli() {
    }

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static Result runWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        int code = VaultCommand.commandLine(new ByteArrayInputStream(stdin), outWriter, errWriter).execute(args);
        outWriter.flush();
        errWriter.flush();
        return new Result(code, out.toString(), err.toString());
    }

    /** What a run wrote as bytes on standard output, and its text streams. */
    record BinaryResult(int exitCode, byte[] stdout, String err) {
    }

    static BinaryResult runBinary(String... args) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err);
        int code = VaultCommand.commandLine(new ByteArrayInputStream(new byte[0]), bytes, new PrintWriter(out), errWriter)
                .execute(args);
        errWriter.flush();
        return new BinaryResult(code, bytes.toByteArray(), err.toString());
    }

    static Result runWithInput(String stdin, String... args) {
        return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /**
     * Returns the command that runs the vault command line in a JVM of its own, with the tests' class path,
     * for what only a process shows: signals, exit statuses, pipes, umasks, heap sizes.
     */
    static java.util.List<String> childJvm(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VaultCommand.class.getName()));
        command.addAll(java.util.List.of(args));
        return command;
    }
}
