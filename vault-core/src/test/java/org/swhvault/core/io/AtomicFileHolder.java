package org.swhvault.core.io;

import java.nio.file.Path;

/**
 * A child JVM for {@link AtomicFileTest}: opens an {@link AtomicFile} on its first argument, writes a few
 * bytes, says {@code open} on standard output, then either commits (second argument {@code commit}) or
 * waits to be signalled.
 */
public final class AtomicFileHolder {
    private AtomicFileHolder() {
    }

    /**
     * Runs the child.
     *
     * @param args the target path, then {@code commit} or {@code wait}
     * @throws Exception when the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        AtomicFile file = AtomicFile.create(Path.of(args[0]), 0);
        file.stream().write("partial".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file.stream().flush();
        if (args[1].equals("commit")) {
            file.commit();
            file.close();
            return;
        }
        System.out.println("open");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
