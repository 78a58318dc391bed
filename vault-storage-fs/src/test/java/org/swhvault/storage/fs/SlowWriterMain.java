package org.swhvault.storage.fs;

import java.io.OutputStream;
import java.nio.file.Path;

import org.swhvault.spi.store.BundleWriter;

/**
 * Run in a child JVM by {@link FsBundleStoreCrashTest}: commits {@code Patterns.key(1)}, then writes
 * {@code Patterns.key(2)} slowly and forever, printing {@code writing} once its temporary file has data.
 * The test kills it with SIGKILL.
 */
public final class SlowWriterMain {
    private SlowWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        FsBundleStore store = FsBundleStore.open(Path.of(args[0]));
        try (BundleWriter writer = store.create(Patterns.key(1))) {
            Patterns.write(writer.stream(), 1, 10_000);
            writer.commit();
        }
        BundleWriter writer = store.create(Patterns.key(2));
        OutputStream out = writer.stream();
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 16; i++) {
            out.write(chunk);
        }
        out.flush();
        System.out.println("writing");
        System.out.flush();
        while (true) {
            out.write(chunk);
            out.flush();
            Thread.sleep(20);
        }
    }
}
