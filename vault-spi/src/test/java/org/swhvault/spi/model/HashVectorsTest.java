package org.swhvault.spi.model;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.swhvault.spi.model.Vectors.bytes;
import static org.swhvault.spi.model.Vectors.id;

/** Every hash vector of {@code swhid-vectors.json}: manifests byte for byte, and ids. */
class HashVectorsTest {

    @Test
    void theVectorFileHasTheExpectedCategories() {
        // Guards against a renamed key silently turning the dynamic tests below into no tests.
        assertThat(Vectors.hash("content")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(Vectors.hash("directory")).isNotEmpty();
        assertThat(Vectors.hash("revision")).isNotEmpty();
        assertThat(Vectors.hash("release")).isNotEmpty();
        assertThat(Vectors.hash("snapshot")).isNotEmpty();
        assertThat(Vectors.hash("raw_extrinsic_metadata")).isNotEmpty();
        assertThat(Vectors.hash("extid")).isNotEmpty();
        assertThat(Vectors.hash("origin")).isNotEmpty();
        assertThat(Vectors.hash("raw_manifest")).isNotEmpty();
        assertThat(Vectors.hash("git_object_header")).isNotEmpty();
        assertThat(Vectors.hash("directory_manifest_only")).isNotEmpty();
        // A category added to the file must get a test here, not be skipped silently.
        assertThat(Vectors.hashCategories()).isSubsetOf("content", "git_object_header", "directory",
                "directory_manifest_only", "revision", "release", "snapshot", "raw_extrinsic_metadata", "origin",
                "extid", "git_repository_objects", "raw_manifest", "derived");
    }

    @TestFactory
    Stream<DynamicTest> contentIds() {
        return tests("content", v -> {
            org.junit.jupiter.api.Assumptions.assumeTrue(v.has("data"), "data not embedded in the vector file");
            byte[] data = bytes(v.get("data"));
            assertThat(data).hasSize(v.get("length").asInt());
            ObjectId expected = id(v.get("expected").get("sha1_git"));
            assertThat(Identifiers.content(data)).isEqualTo(expected);
            assertThat(Identifiers.verify(expected, data)).isTrue();
            assertSwhid(v, "cnt", expected);
        });
    }

    @TestFactory
    Stream<DynamicTest> gitObjectHeaders() {
        return tests("git_object_header", v -> {
            byte[] data = bytes(v.get("data"));
            String type = v.get("git_type").asText();
            assertThat(Identifiers.hash(type, data)).isEqualTo(id(v.get("expected")));
            assertThat(Manifests.header(type, data.length)).isEqualTo(headerOf(v));
            assertThat(Manifests.withHeader(type, data)).isEqualTo(concat(headerOf(v), data));
        });
    }

    @TestFactory
    Stream<DynamicTest> directories() {
        return Stream.concat(tests("directory", HashVectorsTest::checkDirectory),
                derivedTests("directory", HashVectorsTest::checkDirectory));
    }

    private static void checkDirectory(JsonNode v) {
        List<DirectoryEntry> entries = Vectors.entries(v.get("input"));
        ObjectId expected = id(v.get("expected"));
        byte[] manifest = bytes(v.get("manifest"));
        assertThat(Manifests.directory(entries)).isEqualTo(manifest);
        assertThat(Identifiers.directory(entries)).isEqualTo(expected);
        Directory built = Directory.of(entries);
        assertThat(built.id()).isEqualTo(expected);
        assertThat(Identifiers.verify(built)).isTrue();
        assertThat(Manifests.gitObject(built)).isEqualTo(concat(headerOf(v), manifest));
        // The entries as given (unsorted) hash the same as the sorted ones.
        assertThat(Identifiers.of(new Directory(expected, entries, java.util.Optional.empty()))).isEqualTo(expected);
        assertSwhid(v, "dir", expected);
    }

    @TestFactory
    Stream<DynamicTest> directoryManifestsOfDuplicateNames() {
        return tests("directory_manifest_only", v -> {
            List<DirectoryEntry> entries = Vectors.entries(v.get("input"));
            byte[] expected = bytes(v.get("expected_git_object"));
            assertThat(expected).isEqualTo(HexFormat.of().parseHex(v.get("expected_git_object_hex").asText()));
            assertThat(Manifests.withHeader(Manifests.TREE, Manifests.directory(entries))).isEqualTo(expected);
            if (v.has("expected_id_not_asserted_upstream")) {
                assertThat(Identifiers.directory(entries)).isEqualTo(id(v.get("expected_id_not_asserted_upstream")));
            }
            assertThatThrownBy(() -> Directory.of(entries))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OBJECT));
        });
    }

    @TestFactory
    Stream<DynamicTest> revisions() {
        return Stream.of(tests("revision", HashVectorsTest::checkRevision),
                derivedTests("revision", HashVectorsTest::checkRevision),
                tests("git_repository_objects", v -> {
                    if (v.get("object_type").asText().equals("revision")) {
                        checkRevision(v);
                    } else {
                        checkRelease(v);
                    }
                })).flatMap(s -> s);
    }

    private static void checkRevision(JsonNode v) {
        Revision r = Vectors.revision(v.get("input"));
        ObjectId expected = id(v.get("expected"));
        assertThat(r.id()).isEqualTo(expected);
        assertThat(Identifiers.canonical(r)).isEqualTo(expected);
        assertThat(Identifiers.verify(r)).isTrue();
        if (v.has("manifest")) { // git_repository_objects may carry only the id
            byte[] manifest = bytes(v.get("manifest"));
            assertThat(new String(Manifests.revision(r), StandardCharsets.UTF_8))
                    .isEqualTo(new String(manifest, StandardCharsets.UTF_8));
            assertThat(Manifests.revision(r)).isEqualTo(manifest);
            assertThat(Manifests.gitObject(r)).isEqualTo(concat(headerOf(v), manifest));
        }
        assertSwhid(v, "rev", expected);
    }

    @TestFactory
    Stream<DynamicTest> releases() {
        return Stream.concat(tests("release", HashVectorsTest::checkRelease),
                derivedTests("release", HashVectorsTest::checkRelease));
    }

    private static void checkRelease(JsonNode v) {
        Release r = Vectors.release(v.get("input"));
        ObjectId expected = id(v.get("expected"));
        assertThat(r.id()).isEqualTo(expected);
        assertThat(Identifiers.canonical(r)).isEqualTo(expected);
        assertThat(Identifiers.verify(r)).isTrue();
        if (v.has("manifest")) { // git_repository_objects may carry only the id
            byte[] manifest = bytes(v.get("manifest"));
            assertThat(Manifests.release(r)).isEqualTo(manifest);
            assertThat(Manifests.gitObject(r)).isEqualTo(concat(headerOf(v), manifest));
        }
        assertSwhid(v, "rel", expected);
    }

    @TestFactory
    Stream<DynamicTest> snapshots() {
        return Stream.concat(tests("snapshot", HashVectorsTest::checkSnapshot),
                derivedTests("snapshot", HashVectorsTest::checkSnapshot));
    }

    private static void checkSnapshot(JsonNode v) {
        List<SnapshotBranch> branches = Vectors.branches(v.get("input"));
        ObjectId expected = id(v.get("expected"));
        byte[] manifest = bytes(v.get("manifest"));
        assertThat(Manifests.snapshot(branches)).isEqualTo(manifest);
        assertThat(Identifiers.snapshot(branches)).isEqualTo(expected);
        Snapshot s = Snapshot.of(branches);
        assertThat(s.id()).isEqualTo(expected);
        assertThat(Identifiers.verify(s)).isTrue();
        assertThat(Manifests.gitObject(s)).isEqualTo(concat(headerOf(v), manifest));
        assertSwhid(v, "snp", expected);
    }

    @TestFactory
    Stream<DynamicTest> rawExtrinsicMetadata() {
        return tests("raw_extrinsic_metadata", v -> {
            RawExtrinsicMetadata m = Vectors.rawExtrinsicMetadata(v.get("input"));
            ObjectId expected = id(v.get("expected"));
            byte[] manifest = bytes(v.get("manifest"));
            assertThat(Manifests.rawExtrinsicMetadata(m)).isEqualTo(manifest);
            assertThat(m.id()).isEqualTo(expected);
            assertThat(Identifiers.verify(m)).isTrue();
            assertThat(Identifiers.hash(Manifests.RAW_EXTRINSIC_METADATA, manifest)).isEqualTo(expected);
            assertThat(Manifests.header(Manifests.RAW_EXTRINSIC_METADATA, manifest.length))
                    .isEqualTo(headerOf(v));
            assertSwhid(v, "emd", expected);
            // The date as given upstream (any zone, sub-second part) hashes the same once floored in UTC.
            String given = v.path("input_discovery_date_as_given").asText("");
            OffsetDateTime parsed = tryParse(given);
            if (parsed != null) {
                RawExtrinsicMetadata same = Vectors.rawExtrinsicMetadata(v.get("input"));
                RawExtrinsicMetadata fromGiven = new RawExtrinsicMetadata(same.id(), same.target(),
                        parsed.toInstant(), same.authority(), same.fetcher(), same.format(), same.metadata(),
                        same.origin(), same.visit(), same.snapshot(), same.release(), same.revision(), same.path(),
                        same.directory());
                assertThat(Identifiers.of(fromGiven)).isEqualTo(expected);
            }
        });
    }

    private static OffsetDateTime tryParse(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null; // Python accepts sub-second offsets ("-00:00:00.000042"); java.time does not
        }
    }

    @TestFactory
    Stream<DynamicTest> origins() {
        return tests("origin", v -> {
            ObjectId expected = id(v.get("expected"));
            assertThat(Identifiers.origin(v.get("url").asText())).isEqualTo(expected);
            assertSwhid(v, "ori", expected);
        });
    }

    @TestFactory
    Stream<DynamicTest> extIds() {
        return tests("extid", v -> {
            ExtId e = Vectors.extId(v.get("input"));
            ObjectId expected = id(v.get("expected"));
            byte[] manifest = bytes(v.get("manifest"));
            assertThat(Manifests.extId(e)).isEqualTo(manifest);
            assertThat(e.id()).isEqualTo(expected);
            assertThat(Identifiers.verify(e)).isTrue();
            assertThat(Manifests.header(Manifests.EXTID, manifest.length)).isEqualTo(headerOf(v));
        });
    }

    @TestFactory
    Stream<DynamicTest> rawManifests() {
        return tests("raw_manifest", v -> {
            byte[] raw = bytes(v.get("raw_manifest"));
            assertThat(raw).isEqualTo(HexFormat.of().parseHex(v.get("raw_manifest_hex").asText()));
            ObjectId expected = id(v.get("expected"));
            Bytes rawBytes = Bytes.wrap(raw);
            ObjectId zero = ObjectId.fromHex("0000000000000000000000000000000000000000");
            switch (v.get("object_type").asText()) {
                case "directory" -> {
                    Directory d = new Directory(expected, List.of(), java.util.Optional.of(rawBytes));
                    assertThat(Identifiers.of(d)).isEqualTo(expected);
                    assertThat(Identifiers.verify(d)).isTrue();
                    assertThat(Manifests.gitObject(d)).isEqualTo(raw);
                    // The canonical form of the (empty) fields is another object altogether.
                    assertThat(Identifiers.canonical(d)).isNotEqualTo(expected);
                }
                case "revision" -> {
                    Revision r = Revision.builder().directory(zero).rawManifest(rawBytes).build();
                    assertThat(r.id()).isEqualTo(expected);
                    assertThat(Identifiers.verify(r)).isTrue();
                    assertThat(Manifests.gitObject(r)).isEqualTo(raw);
                    assertThat(Identifiers.canonical(r)).isNotEqualTo(expected);
                }
                case "release" -> {
                    Release r = Release.builder().name("x")
                            .target(org.swhvault.spi.swhid.ObjectType.REVISION, zero)
                            .rawManifest(rawBytes).build();
                    assertThat(r.id()).isEqualTo(expected);
                    assertThat(Identifiers.verify(r)).isTrue();
                    assertThat(Manifests.gitObject(r)).isEqualTo(raw);
                    assertThat(Identifiers.canonical(r)).isNotEqualTo(expected);
                }
                default -> throw new AssertionError("unknown object type " + v.get("object_type"));
            }
            assertThat(Identifiers.sha1(raw)).isEqualTo(expected);
        });
    }

    private static Stream<DynamicTest> tests(String category, Consumer<JsonNode> check) {
        return named(category, Vectors.hash(category), check);
    }

    private static Stream<DynamicTest> derivedTests(String category, Consumer<JsonNode> check) {
        return named("derived." + category, Vectors.derived(category), check);
    }

    private static Stream<DynamicTest> named(String prefix, List<JsonNode> vectors, Consumer<JsonNode> check) {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode v : vectors) {
            out.add(DynamicTest.dynamicTest(prefix + ": " + v.get("name").asText(), () -> check.accept(v)));
        }
        return out.stream();
    }

    private static byte[] headerOf(JsonNode v) {
        return (v.get("git_object_header").asText() + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertSwhid(JsonNode v, String tag, ObjectId expected) {
        if (v.has("swhid")) {
            assertThat(v.get("swhid").asText()).isEqualTo("swh:1:" + tag + ":" + expected.toHex());
        }
    }
}
