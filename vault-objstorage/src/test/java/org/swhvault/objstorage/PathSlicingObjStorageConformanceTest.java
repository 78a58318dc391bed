package org.swhvault.objstorage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.testing.objstorage.ObjStorageConformanceTest;

/** The pathslicing objstorage passes the conformance suite with every compression. */
class PathSlicingObjStorageConformanceTest {

    /** The suite over a pathslicing objstorage in a new directory. */
    abstract static class WithCompression extends ObjStorageConformanceTest {
        @TempDir
        Path root;

        abstract Compression compression();

        @Override
        protected ObjStorage newObjStorage() {
            return PathSlicingObjStorage.open(root, PathSlicing.parse("0:2/2:4/4:6"), compression());
        }

        /** Replaces the file with the same compression of other bytes of the same length: only the sha1 tells. */
        @Override
        protected void corrupt(ObjStorage objStorage, ContentHashes hashes) throws IOException {
            Path file = ((PathSlicingObjStorage) objStorage).file(hashes);
            byte[] other = new byte[(int) hashes.length()];
            other[0] = 1;
            try (OutputStream out = compression().compressing(Files.newOutputStream(file));
                    InputStream in = new ByteArrayInputStream(other)) {
                in.transferTo(out);
            }
        }
    }

    @Nested
    class None extends WithCompression {
        @Override
        Compression compression() {
            return Compression.NONE;
        }
    }

    @Nested
    class Gzip extends WithCompression {
        @Override
        Compression compression() {
            return Compression.GZIP;
        }
    }

    @Nested
    class Zlib extends WithCompression {
        @Override
        Compression compression() {
            return Compression.ZLIB;
        }
    }

    @Nested
    class Bz2 extends WithCompression {
        @Override
        Compression compression() {
            return Compression.BZ2;
        }
    }

    @Nested
    class Lzma extends WithCompression {
        @Override
        Compression compression() {
            return Compression.LZMA;
        }
    }

    @Nested
    class Zstd extends WithCompression {
        @Override
        Compression compression() {
            return Compression.ZSTD;
        }
    }
}
