package org.swhvault.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.testing.store.BundleStoreConformanceTest;

/** The filesystem store passes the conformance suite of vault-testing. */
class FsBundleStoreConformanceTest extends BundleStoreConformanceTest {
    @TempDir
    Path dir;

    @Override
    protected BundleStore newStore() throws IOException {
        return FsBundleStore.open(dir);
    }

    /** Flips one byte of the bundle's data, past the header that records its checksum. */
    @Override
    protected void corrupt(BundleStore store, BundleKey key) throws IOException {
        Path file = ((FsBundleStore) store).root().resolve("bundles").resolve(key.type().apiName())
                .resolve(key.swhid().id().toHex().substring(0, 2)).resolve(key.fileName() + ".swhvault");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            long position = 128 + 500;
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 1)).rewind();
            channel.write(one, position);
        }
    }
}
