package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.RevisionType;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.ExceptionBody;
import org.swhvault.swhrpc.PagedResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The source and the test server against byte vectors written as swh-storage's client and server write them
 * ({@code storage-vectors.json}, from {@code gen_storage_vectors.py}, checked against swh-core's own encoder):
 * the source's requests are those bytes; answers and error bodies read into the expected objects and, written
 * back, give the same bytes; the test server writes objects as swh-storage does.
 */
class StorageVectorsTest {
    static final ObjectId EMPTY_TREE = ObjectId.fromHex("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    static final ObjectId EMPTY_SNAPSHOT = ObjectId.fromHex("1a8893e6a86f444e8be8e7bda6cb34fb1735a00e");
    static final ObjectId HELLO = ObjectId.fromHex("ce013625030ba8dba906f756967f9e9ca394464a");
    static final ObjectId R1 = id(2);
    static final ObjectId R2 = id(3);
    static final ObjectId REL = id(4);
    static final ObjectId C2 = id(7);
    static final Instant CTIME = Instant.parse("2024-05-06T07:08:09.123456Z");

    static Map<String, String> vectors;
    static StorageRpcServer server;
    static SwhStorageRpcSource source;

    static ObjectId id(int b) {
        byte[] a = new byte[20];
        Arrays.fill(a, (byte) b);
        return ObjectId.of(a);
    }

    static Bytes bytes(ObjectId id) {
        return ModelWriter.bytes(id);
    }

    @BeforeAll
    static void readVectors() throws IOException {
        String json;
        try (InputStream in = StorageVectorsTest.class.getResourceAsStream("storage-vectors.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        vectors = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\": \"([0-9a-f]*)\"").matcher(json);
        while (m.find()) {
            vectors.put(m.group(1), m.group(2));
        }
        server = StorageRpcServer.serve(MemoryObjectSource.builder().build());
        source = SwhStorageRpcSource.open(server.url());
    }

    @AfterAll
    static void stop() {
        source.close();
        server.close();
    }

    static byte[] vector(String name) {
        assertThat(vectors).containsKey(name);
        return HexFormat.of().parseHex(vectors.get(name));
    }

    /** Decodes a vector, and checks that writing what it decodes to gives it back. */
    static Object decoded(String name) throws IOException {
        Object value = StorageCodec.CODEC.decode(vector(name));
        assertThat(HexFormat.of().formatHex(StorageCodec.CODEC.encode(value))).as(name).isEqualTo(vectors.get(name));
        return value;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** The last request {@code endpoint} received, as hex. */
    static String sent(String endpoint) {
        List<byte[]> all = server.requests(endpoint);
        return hex(all.get(all.size() - 1));
    }

    // --- the requests ---

    @Test
    void directoryRequests() {
        // entries that do not hash to the directory's id: its raw manifest is asked for
        server.script("directory/get_entries", StorageRpcServer.Scripted.answer(new PagedResult(List.of(
                ModelWriter.entry(new DirectoryEntry(Bytes.utf8("README"), EntryType.FILE, 0100644, HELLO))),
                Bytes.utf8("next"), null)));
        server.script("directory/get_entries", StorageRpcServer.Scripted.answer(new PagedResult(List.of(), null, null)));
        server.script("directory/get_raw_manifest", StorageRpcServer.Scripted.answer(Map.of(bytes(EMPTY_TREE),
                Bytes.of("tree 0\0".getBytes(StandardCharsets.US_ASCII)))));
        assertThat(source.directory(EMPTY_TREE).orElseThrow().rawManifest()).isPresent();
        assertThat(sent("directory/get_raw_manifest")).isEqualTo(vectors.get("req_directory_get_raw_manifest"));
        List<byte[]> pages = server.requests("directory/get_entries");
        assertThat(hex(pages.get(pages.size() - 2))).isEqualTo(vectors.get("req_directory_get_entries"));
        assertThat(hex(pages.get(pages.size() - 1))).isEqualTo(vectors.get("req_directory_get_entries_next"));
        source.exists(Swhid.of(ObjectType.DIRECTORY, EMPTY_TREE));
        assertThat(sent("directory/missing")).isEqualTo(vectors.get("req_directory_missing"));
    }

    @Test
    void revisionAndReleaseRequests() {
        source.revisions(List.of(R1, R2));
        assertThat(sent("revision")).isEqualTo(vectors.get("req_revision_get"));
        catchThrowable(() -> source.revisionLog(R1));
        assertThat(sent("revision/log")).isEqualTo(vectors.get("req_revision_log"));
        source.release(REL);
        assertThat(sent("release")).isEqualTo(vectors.get("req_release_get"));
        source.exists(Swhid.of(ObjectType.REVISION, R1));
        assertThat(sent("revision/missing")).isEqualTo(vectors.get("req_revision_missing"));
        source.exists(Swhid.of(ObjectType.RELEASE, REL));
        assertThat(sent("release/missing")).isEqualTo(vectors.get("req_release_missing"));
    }

    @Test
    void snapshotRequests() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", bytes(EMPTY_SNAPSHOT));
        first.put("branches", Map.of());
        first.put("next_branch", Bytes.utf8("refs/heads/x"));
        Map<String, Object> last = new LinkedHashMap<>(first);
        last.put("next_branch", null);
        server.script("snapshot/get_branches", StorageRpcServer.Scripted.answer(first));
        server.script("snapshot/get_branches", StorageRpcServer.Scripted.answer(last));
        assertThat(source.snapshot(EMPTY_SNAPSHOT)).isPresent();
        List<byte[]> pages = server.requests("snapshot/get_branches");
        assertThat(hex(pages.get(pages.size() - 2))).isEqualTo(vectors.get("req_snapshot_get_branches"));
        assertThat(hex(pages.get(pages.size() - 1))).isEqualTo(vectors.get("req_snapshot_get_branches_next"));
        source.exists(Swhid.of(ObjectType.SNAPSHOT, EMPTY_SNAPSHOT));
        assertThat(sent("snapshot/missing")).isEqualTo(vectors.get("req_snapshot_missing"));
    }

    @Test
    void contentRequestsAndTheBytesOfOne() throws IOException {
        List<?> metadata = (List<?>) StorageCodec.CODEC.decode(vector("resp_content_get"));
        server.script("content/metadata", StorageRpcServer.Scripted.answer(Arrays.asList(metadata.get(0), null)));
        server.script("content/skipped/find", StorageRpcServer.Scripted.answer(List.of()));
        server.script("content/data", new StorageRpcServer.Scripted(200, "application/x-msgpack",
                vector("resp_content_get_data")));
        assertThat(source.contents(List.of(HELLO, C2))).containsOnlyKeys(HELLO);
        assertThat(sent("content/metadata")).isEqualTo(vectors.get("req_content_get"));
        assertThat(sent("content/skipped/find")).isEqualTo(vectors.get("req_skipped_content_find"));
        try (InputStream in = source.openContent(HELLO)) {
            assertThat(in.readAllBytes()).isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(sent("content/data")).isEqualTo(vectors.get("req_content_get_data"));
    }

    // --- the answers ---

    static Timestamp date(long seconds, int micros, String offset) {
        return new Timestamp(seconds, micros, Bytes.utf8(offset));
    }

    static final Person ALICE = Person.of("Alice Example <alice@example.org>");
    static final Revision REV = Revision.builder().id(R1).directory(EMPTY_TREE).parents(List.of(R2, id(5)))
            .author(ALICE, date(1600000000, 0, "+0200")).committer(Person.of("Bob <bob@example.org>"),
                    date(1600000100, 0, "-0000"))
            .extraHeader("encoding", "ISO-8859-1").extraHeader("gpgsig", "-----BEGIN\n sig\n -----END")
            .message("Initial\n\nwith body\n").build();
    static final Revision REV_RAW = Revision.builder().id(R2).directory(EMPTY_TREE).author(Person.of("odd"),
            date(1, 500000, "+5d4")).type(RevisionType.MERCURIAL).synthetic(true)
            .rawManifest(Bytes.of("commit 3\0raw".getBytes(StandardCharsets.UTF_8))).build();
    static final Release REL_FULL = Release.builder().id(REL).name("v1.0").message("Version 1.0\n")
            .target(ObjectType.REVISION, R1).author(ALICE, date(1600000200, 0, "+0100")).build();
    static final Release REL_BARE = Release.builder().id(id(6)).name("tree-tag").target(ObjectType.DIRECTORY, EMPTY_TREE)
            .rawManifest(Bytes.of("tag 3\0raw".getBytes(StandardCharsets.UTF_8))).build();

    @Test
    void directoryEntriesComePagedAsModelObjects() throws IOException {
        PagedResult page = (PagedResult) decoded("resp_directory_get_entries");
        List<DirectoryEntry> entries = page.results().stream().map(ModelReader::entry).toList();
        assertThat(entries).containsExactly(new DirectoryEntry(Bytes.utf8("README"), EntryType.FILE, 0100644, HELLO),
                new DirectoryEntry(Bytes.utf8("src"), EntryType.DIR, 040000, EMPTY_TREE),
                new DirectoryEntry(Bytes.utf8("vendor"), EntryType.REV, 0160000, R1),
                new DirectoryEntry(Bytes.utf8("run.sh"), EntryType.FILE, 0100755, HELLO));
        assertThat(page.nextPageToken()).isEqualTo(Bytes.utf8("zz"));
        assertThat(hex(StorageCodec.CODEC.encode(new PagedResult(entries.stream().map(e -> (Object) ModelWriter.entry(e))
                .toList(), Bytes.utf8("zz"), null)))).isEqualTo(vectors.get("resp_directory_get_entries"));
        Map<?, ?> manifests = (Map<?, ?>) decoded("resp_directory_get_raw_manifest");
        assertThat(manifests.get(bytes(EMPTY_TREE))).isNull();
        assertThat(manifests.containsKey(bytes(EMPTY_TREE))).isTrue();
        assertThat(TreeManifest.entries((Bytes) manifests.get(bytes(id(8))))).isEmpty();
    }

    @Test
    void revisionsAndReleasesReadAsTheModelHasThem() throws IOException {
        List<?> revisions = (List<?>) decoded("resp_revision_get");
        assertThat(ModelReader.revision(revisions.get(0))).isEqualTo(REV);
        assertThat(revisions.get(1)).isNull();
        assertThat(ModelReader.revision(revisions.get(2))).isEqualTo(REV_RAW);
        assertThat(hex(StorageCodec.CODEC.encode(Arrays.asList(new ModelObject("Revision", ModelWriter.revision(REV)),
                null, new ModelObject("Revision", ModelWriter.revision(REV_RAW))))))
                .isEqualTo(vectors.get("resp_revision_get"));
        List<?> releases = (List<?>) decoded("resp_release_get");
        assertThat(ModelReader.release(releases.get(0))).isEqualTo(REL_FULL);
        assertThat(ModelReader.release(releases.get(1))).isEqualTo(REL_BARE);
        assertThat(hex(StorageCodec.CODEC.encode(Arrays.asList(ModelWriter.release(REL_FULL),
                ModelWriter.release(REL_BARE), null)))).isEqualTo(vectors.get("resp_release_get"));
    }

    @Test
    void aLogIsBareDictsAndOldOnesReadAsSwhModelReadsThem() throws IOException {
        List<?> log = (List<?>) decoded("resp_revision_log");
        assertThat(ModelReader.revision(log.get(0))).isEqualTo(REV);
        assertThat(log.get(1)).isNull();
        Revision old = ModelReader.revision(log.get(2));
        assertThat(old).isEqualTo(Revision.builder().id(R1).directory(EMPTY_TREE)
                .author(Person.of("Old <old@example.org>"), date(1000, 5, "+0200"))
                .committer(Person.of("<only@example.org>"), date(2000, 0, "-0000"))
                .extraHeader("encoding", "latin1").message("old\n").build());
    }

    @Test
    void snapshotBranchesAreAliasesObjectsOrNone() throws IOException {
        Map<?, ?> page = (Map<?, ?>) decoded("resp_snapshot_get_branches");
        Map<?, ?> branches = (Map<?, ?>) page.get("branches");
        assertThat(ModelReader.branch(branches.get(Bytes.utf8("HEAD"))))
                .isEqualTo(new BranchTarget.Alias(Bytes.utf8("refs/heads/main")));
        assertThat(ModelReader.branch(branches.get(Bytes.utf8("refs/heads/dangling")))).isEqualTo(BranchTarget.DANGLING);
        assertThat(ModelReader.branch(branches.get(Bytes.utf8("refs/heads/main"))))
                .isEqualTo(new BranchTarget.ToObject(ObjectType.REVISION, R1));
        assertThat(ModelReader.branch(branches.get(Bytes.utf8("refs/tags/v1"))))
                .isEqualTo(new BranchTarget.ToObject(ObjectType.RELEASE, REL));
        assertThat(page.get("next_branch")).isEqualTo(Bytes.utf8("refs/tags/v2"));
        for (Map.Entry<?, ?> e : branches.entrySet()) {
            assertThat(ModelWriter.branch(ModelReader.branch(e.getValue()))).isEqualTo(e.getValue());
        }
    }

    @Test
    void contentsReadWithTheirStatusAndHashes() throws IOException {
        List<?> contents = (List<?>) decoded("resp_content_get");
        ModelReader.StoredContent hello = ModelReader.content(contents.get(0));
        assertThat(hello.content()).isEqualTo(new Content(HELLO, 6, ContentStatus.VISIBLE));
        assertThat(hello.hashes().get("sha1_git")).isEqualTo(bytes(HELLO));
        assertThat(ModelReader.content(contents.get(2)).content()).isEqualTo(new Content(C2, 12, ContentStatus.HIDDEN));
        assertThat(((ModelObject) contents.get(0)).fields().get("ctime")).isEqualTo(CTIME);
        assertThat(decoded("resp_content_get_data")).isEqualTo(Bytes.utf8("hello\n"));
        List<?> skipped = (List<?>) decoded("resp_skipped_content_find");
        assertThat(ModelReader.skipped(C2, skipped.get(0))).isEqualTo(new Content(C2, 1_000_000_000, ContentStatus.ABSENT));
        assertThat(ModelReader.skipped(C2, skipped.get(1))).isEqualTo(new Content(C2, 0, ContentStatus.ABSENT));
        assertThat(decoded("resp_missing")).isEqualTo(List.of(bytes(EMPTY_TREE)));
    }

    // --- the errors ---

    @Test
    void aMaskedObjectExceptionNamesEveryMaskedObjectWithItsStatuses() throws IOException {
        ExceptionBody body = ExceptionBody.from(StorageCodec.CODEC.decode(vector("err_masked"))).orElseThrow();
        assertThat(body.type()).isEqualTo("MaskedObjectException");
        assertThat(body.module()).isEqualTo("swh.storage.exc");
        Map<?, ?> masked = (Map<?, ?>) body.args().get(0);
        Swhid cnt = Swhid.parse("swh:1:cnt:" + HELLO);
        assertThat(List.<Object>copyOf(masked.keySet())).containsExactly(cnt, Swhid.parse("swh:1:dir:" + EMPTY_TREE));
        assertThat(masked.get(cnt)).isEqualTo(List.of(
                new StorageCodec.MaskedStatus("DECISION_PENDING", UUID.fromString("6b0b3e3c-3f5c-4a8e-9d7e-2d7c1e9a0b11")),
                new StorageCodec.MaskedStatus("RESTRICTED", UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100"))));
        assertThat(body.message()).isEqualTo("Some objects are masked: swh:1:cnt:" + HELLO
                + " by request 6b0b3e3c-3f5c-4a8e-9d7e-2d7c1e9a0b11 (DECISION_PENDING) and others, swh:1:dir:"
                + EMPTY_TREE + " by request 0f0e0d0c-0b0a-4908-8706-050403020100 (RESTRICTED)");
        server.script("content/metadata", new StorageRpcServer.Scripted(400, "application/x-msgpack",
                vector("err_masked")));
        assertThat(source.contents(List.of(HELLO))).containsEntry(HELLO, new Content(HELLO, 0, ContentStatus.HIDDEN));
    }

    @Test
    void otherErrorBodiesReadAsTheirException() throws IOException {
        assertThat(ExceptionBody.from(decoded("err_storage_argument")).orElseThrow())
                .hasToString("StorageArgumentException: Unsupported page token");
        assertThat(ExceptionBody.from(decoded("err_query_timeout")).orElseThrow())
                .hasToString("QueryTimeout: Timeout during revision_log");
        ExceptionBody boom = ExceptionBody.from(decoded("err_value_error")).orElseThrow();
        assertThat(boom).isEqualTo(new ExceptionBody("ValueError", "builtins", List.of("boom"), "boom",
                List.of("ValueError: boom\n")));
    }
}
