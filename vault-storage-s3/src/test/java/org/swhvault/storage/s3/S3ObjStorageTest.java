package org.swhvault.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.objstorage.Compression;
import org.swhvault.objstorage.ObjStorageSpec;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.objstorage.ObjStorageProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Plugins;
import org.swhvault.testing.process.Processes;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The s3 objstorage keys and compresses objects as swh-objstorage's S3 back end does (the oracle for gzip is
 * Python's {@code zlib.compressobj(wbits=31)}, as swh-objstorage calls it), against S3Proxy.
 */
class S3ObjStorageTest {
    private static final String BUCKET = "softwareheritage";
    /** What swh-objstorage's gzip writes, from Debian's /usr/bin/python3. */
    private static final String PYTHON_GZIP = "import sys, zlib\n"
            + "c = zlib.compressobj(wbits=31)\n"
            + "sys.stdout.buffer.write(c.compress(open(sys.argv[1], 'rb').read()) + c.flush())\n";
    private static final byte[] TEXT = "a content of the archive\n".repeat(3000).getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final S3Server server = S3Server.withBuckets(BUCKET);

    @TempDir
    Path temp;

    @Test
    void keysAreTheHexSha1AfterThePrefixAsSwhObjStorageWritesThem() {
        ContentHashes hashes = hash(TEXT);
        String hex = hashes.sha1Hex().orElseThrow();
        Map<String, String> keys = Map.of("", hex, "content", "content/" + hex, "content/", "content/" + hex,
                "a/b//", "a/b/" + hex);
        keys.forEach((prefix, key) -> {
            try (S3ObjStorage storage = open(prefix, Compression.GZIP)) {
                assertThat(storage.key(hashes)).as("key under prefix '%s'", prefix).isEqualTo(key);
                storage.add(hashes, new ByteArrayInputStream(TEXT));
                assertThat(server.holds(BUCKET, key)).as("object %s", key).isTrue();
            }
        });
    }

    @Test
    void gzipObjectsAreByteForByteWhatSwhObjStorageWritesAndItsObjectsAreRead() throws Exception {
        Path file = Files.write(temp.resolve("content"), TEXT);
        Path script = Files.writeString(temp.resolve("gzip.py"), PYTHON_GZIP);
        byte[] python = Processes.command("/usr/bin/python3", script.toString(), file.toString()).run().stdout();
        ContentHashes hashes = hash(TEXT);
        try (S3ObjStorage storage = open("content", Compression.GZIP); S3Client raw = server.rawClient()) {
            storage.add(hashes, new ByteArrayInputStream(TEXT));
            assertThat(raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(storage.key(hashes))).asByteArray())
                    .isEqualTo(python);
            byte[] other = "another content\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
            Path otherFile = Files.write(temp.resolve("other"), other);
            ContentHashes otherHashes = hash(other);
            raw.putObject(b -> b.bucket(BUCKET).key(storage.key(otherHashes)), RequestBody.fromBytes(Processes
                    .command("/usr/bin/python3", script.toString(), otherFile.toString()).run().stdout()));
            try (InputStream in = storage.open(otherHashes).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(other);
            }
        }
    }

    @Test
    void anObjectThatDoesNotDecompressIsCorruptAndTheMessageNamesTheSha1AndTheObject() {
        ContentHashes hashes = hash(TEXT);
        try (S3ObjStorage storage = open("corrupt", Compression.GZIP); S3Client raw = server.rawClient()) {
            raw.putObject(b -> b.bucket(BUCKET).key(storage.key(hashes)), RequestBody.fromBytes(TEXT));
            assertThat(storage.contains(hashes)).isTrue();
            assertThatThrownBy(() -> {
                try (InputStream in = storage.open(hashes).orElseThrow()) {
                    in.readAllBytes();
                }
            }).isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                    .isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessageStartingWith("Content sha1 " + hashes.sha1Hex().orElseThrow() + " in s3://" + BUCKET
                            + "/corrupt/" + hashes.sha1Hex().orElseThrow() + " at " + server.endpoint()
                            + " is corrupt: it does not decompress as gzip (not gzip data");
        }
    }

    @Test
    void aReaderThatStopsEarlyLeavesTheObjectReadable() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        ContentHashes hashes = hash(big);
        try (S3ObjStorage storage = open("early", Compression.NONE)) {
            storage.add(hashes, new ByteArrayInputStream(big));
            for (int i = 0; i < 3; i++) {
                try (InputStream in = storage.open(hashes).orElseThrow()) {
                    assertThat(in.readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(big, 10));
                }
            }
            try (InputStream in = storage.open(hashes).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(big);
            }
        }
    }

    @Test
    void isFoundByNameAndBySpecWithTheConnectionSettingsOfTheBundleStore() throws Exception {
        Map<String, String> connection = Map.of("endpoint", server.endpoint().toString(), "pathStyle", "true",
                "accessKey", S3Server.ACCESS_KEY, "secretKey", S3Server.SECRET_KEY);
        ObjStorageProvider provider = Plugins.find(ObjStorageProvider.class, ObjStorageProvider::name, "s3", null);
        assertThat(provider.secretProperties()).containsExactly("secretKey");
        Map<String, String> config = new HashMap<>(connection);
        config.put("bucket", BUCKET);
        config.put("prefix", "by-name");
        ContentHashes hashes = hash(TEXT);
        try (ObjStorage storage = provider.create(config, PluginContext.standalone("s3"))) {
            storage.add(hashes, new ByteArrayInputStream(TEXT));
            assertThat(storage.toString()).contains("s3://" + BUCKET + "/by-name/", "gzip")
                    .doesNotContain(S3Server.SECRET_KEY);
        }
        ObjStorageSpec spec = ObjStorageSpec.parse("s3://" + BUCKET + "/by-name");
        for (Map.Entry<String, String> e : connection.entrySet()) {
            spec = spec.with(e.getKey(), e.getValue());
        }
        try (ObjStorage storage = spec.create(PluginContext.standalone("cli"), null);
                InputStream in = storage.open(hashes).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
    }

    @Test
    void badSettingsAreRefusedWithASentence() {
        S3ObjStorageProvider provider = new S3ObjStorageProvider();
        assertThatThrownBy(() -> provider.create(Map.of("bucket", BUCKET, "partSize", "5MiB")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("The s3 objstorage does not know the setting 'partSize'");
        assertThatThrownBy(() -> provider.create(Map.of("bucket", BUCKET, "compression", "brotli")))
                .hasMessage("The s3 objstorage setting 'compression' must be one of none, gzip, zlib, bz2, lzma, zstd,"
                        + " got 'brotli'.");
        assertThatThrownBy(() -> provider.create(Map.of("bucket", BUCKET, "accessKey", "a")))
                .hasMessage("The s3 objstorage needs both 'accessKey' and 'secretKey', or neither, got only"
                        + " 'accessKey'.");
        assertThatThrownBy(() -> provider.create(Map.of()))
                .hasMessage("The s3 objstorage needs 'bucket' (the bucket's name).");
    }

    @Test
    void aMissingBucketOrAServerThatIsGoneIsASourceFailure() throws Exception {
        assertThatThrownBy(() -> S3ObjStorage.open(server.storeFor("no-such-bucket"), "", Compression.GZIP, temp))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.SOURCE_FAILURE))
                .hasMessageStartingWith("bucket 'no-such-bucket' does not exist at " + server.endpoint());
        try (S3ObjStorage storage = open("gone", Compression.GZIP)) {
            server.stop();
            try {
                assertThatThrownBy(() -> storage.contains(hash(TEXT)))
                        .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.SOURCE_FAILURE))
                        .hasMessageStartingWith("Cannot reach S3 at " + server.endpoint());
            } finally {
                server.restart();
            }
        }
    }

    private S3ObjStorage open(String prefix, Compression compression) {
        return S3ObjStorage.open(server.storeFor(BUCKET), prefix, compression, temp);
    }

    private static ContentHashes hash(byte[] data) {
        return ContentHasher.create(EnumSet.of(ContentHasher.Algorithm.SHA1)).hash(data);
    }
}
