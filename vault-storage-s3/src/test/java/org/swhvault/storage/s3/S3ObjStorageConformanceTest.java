package org.swhvault.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.objstorage.Compression;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.testing.objstorage.ObjStorageConformanceTest;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The s3 objstorage passes the conformance suite against S3Proxy, gzip-compressed as a default one is, and not. */
class S3ObjStorageConformanceTest {
    private static final String BUCKET = "objstorage-conformance";

    @RegisterExtension
    static final S3Server server = S3Server.withBuckets(BUCKET);

    /** The suite over an objstorage under a new prefix of the bucket. */
    abstract static class WithCompression extends ObjStorageConformanceTest {
        @TempDir
        Path temp;

        abstract Compression compression();

        @Override
        protected ObjStorage newObjStorage() {
            return S3ObjStorage.open(server.storeFor(BUCKET), "content-" + UUID.randomUUID(), compression(), temp);
        }

        /** Replaces the object with the same compression of other bytes of the same length: only the sha1 tells. */
        @Override
        protected void corrupt(ObjStorage objStorage, ContentHashes hashes) throws IOException {
            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            try (OutputStream out = compression().compressing(stored)) {
                out.write(new byte[(int) hashes.length()]);
            }
            try (S3Client raw = server.rawClient()) {
                raw.putObject(b -> b.bucket(BUCKET).key(((S3ObjStorage) objStorage).key(hashes)),
                        RequestBody.fromBytes(stored.toByteArray()));
            }
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
    class None extends WithCompression {
        @Override
        Compression compression() {
            return Compression.NONE;
        }
    }
}
