package org.swhvault.spi.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.swhid.ObjectType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsTest {
    private static final ObjectId ZERO = ObjectId.fromHex("0000000000000000000000000000000000000000");
    private static final ObjectId ONES = ObjectId.fromHex("1111111111111111111111111111111111111111");

    private static DirectoryEntry file(String name) {
        return new DirectoryEntry(Bytes.utf8(name), EntryType.FILE, DirectoryEntry.FILE_PERMS, ZERO);
    }

    private static DirectoryEntry dir(String name) {
        return new DirectoryEntry(Bytes.utf8(name), EntryType.DIR, DirectoryEntry.DIRECTORY_PERMS, ZERO);
    }

    private static List<String> sortedNames(DirectoryEntry... entries) {
        return Directory.of(List.of(entries)).entries().stream().map(e -> e.name().toStringUtf8()).toList();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void directoriesSortAsIfTheirNameEndedWithSlash() {
        assertThat(sortedNames(file("order0"), dir("order"), file("order.")))
                .containsExactly("order.", "order", "order0");
        assertThat(sortedNames(file("foo0"), dir("foo"), file("foo.c"), file("foo-bar")))
                .containsExactly("foo-bar", "foo.c", "foo", "foo0");
    }

    @Test
    void namesCompareAsUnsignedBytes() {
        assertThat(sortedNames(file("é.txt"), file("z"), dir("a"), file("a0"), file("a.txt"), file("a-b"), file("A")))
                .containsExactly("A", "a-b", "a.txt", "a", "a0", "z", "é.txt");
    }

    @Test
    void theSortKeyDependsOnTheTypeNotThePerms() {
        // A FILE entry with directory perms still sorts as a file (upstream directory_example).
        DirectoryEntry oddFile =
                new DirectoryEntry(Bytes.utf8("foo"), EntryType.FILE, DirectoryEntry.DIRECTORY_PERMS, ZERO);
        assertThat(Manifests.directoryOrder().compare(oddFile, file("foo.c"))).isLessThan(0);
        assertThat(Manifests.directoryOrder().compare(dir("foo"), file("foo.c"))).isGreaterThan(0);
    }

    @Test
    void permsAreWrittenInOctalWithoutLeadingZeros() {
        List<DirectoryEntry> entries = List.of(
                new DirectoryEntry(Bytes.utf8("d"), EntryType.DIR, 040000, ZERO),
                new DirectoryEntry(Bytes.utf8("z"), EntryType.FILE, 0, ZERO),
                new DirectoryEntry(Bytes.utf8("m"), EntryType.FILE, 0644, ZERO));
        String body = new String(Manifests.directory(entries), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith("40000 d\0").contains("644 m\0").contains("0 z\0");
    }

    @Test
    void fractionalTimestampsAreFormattedFromTheTwoIntegers() {
        assertThat(new Timestamp(-1, 500_000, Bytes.utf8("+0000")).format()).isEqualTo("-1.5");
        assertThat(new Timestamp(1448210036, 120_000, Bytes.utf8("+0000")).format()).isEqualTo("1448210036.12");
        assertThat(new Timestamp(1448210036, 2342, Bytes.utf8("+0000")).format()).isEqualTo("1448210036.002342");
        assertThat(new Timestamp(0, 1, Bytes.utf8("+0000")).format()).isEqualTo("0.000001");
        assertThat(new Timestamp(-62135510961L, 0, Bytes.utf8("+0000")).format()).isEqualTo("-62135510961");
        Revision r = Revision.builder().directory(ZERO)
                .author(Person.of("a"), new Timestamp(-1, 500_000, Bytes.utf8("--700")))
                .build();
        assertThat(text(Manifests.revision(r)))
                .isEqualTo("tree 0000000000000000000000000000000000000000\nauthor a -1.5 --700\n");
    }

    @Test
    void headerValuesContinueEveryLineWithASpace() {
        Revision r = Revision.builder().directory(ZERO)
                .author(Person.of("Ann\n<a@b>"))
                .extraHeader("k", "one\n\ntwo\n")
                .extraHeader("", "")
                .build();
        assertThat(text(Manifests.revision(r))).isEqualTo("tree 0000000000000000000000000000000000000000\n"
                + "author Ann\n <a@b>\nk one\n \n two\n \n \n");
    }

    @Test
    void anAbsentMessageHasNoBlankLineAndAnEmptyOneHasOne() {
        Revision.Builder b = Revision.builder().directory(ZERO);
        String base = "tree 0000000000000000000000000000000000000000\n";
        assertThat(text(Manifests.revision(b.build()))).isEqualTo(base);
        assertThat(text(Manifests.revision(b.message("").build()))).isEqualTo(base + "\n");
        assertThat(text(Manifests.revision(b.message("m").build()))).isEqualTo(base + "\nm");
    }

    @Test
    void releasesNameTheirTargetTypeTheGitWay() {
        assertThat(List.of(ObjectType.CONTENT, ObjectType.DIRECTORY, ObjectType.REVISION, ObjectType.RELEASE,
                ObjectType.SNAPSHOT).stream().map(Manifests::releaseTargetWord))
                .containsExactly("blob", "tree", "commit", "tag", "refs");
        assertThatThrownBy(() -> Manifests.releaseTargetWord(ObjectType.ORIGIN))
                .isInstanceOf(IllegalArgumentException.class);
        Release r = Release.builder().name("a\nb").target(ObjectType.SNAPSHOT, ONES).build();
        assertThat(text(Manifests.release(r)))
                .isEqualTo("object 1111111111111111111111111111111111111111\ntype refs\ntag a\n b\n");
    }

    @Test
    void snapshotBranchesAreSortedAsUnsignedBytesAndAliasLengthsAreByteLengths() {
        SnapshotBranch high = new SnapshotBranch(Bytes.wrap(new byte[] {(byte) 0xff}), BranchTarget.DANGLING);
        SnapshotBranch alias = new SnapshotBranch(Bytes.utf8("HEAD"), new BranchTarget.Alias(Bytes.utf8("é")));
        assertThat(new String(Manifests.snapshot(List.of(high, alias)), StandardCharsets.ISO_8859_1))
                .isEqualTo("alias HEAD\0" + "2:\u00c3\u00a9" + "dangling \u00ff\0" + "0:");
    }

    @Test
    void snapshotsRejectDuplicateBranchNames() {
        SnapshotBranch a = new SnapshotBranch(Bytes.utf8("a"), BranchTarget.DANGLING);
        assertThatThrownBy(() -> Snapshot.of(List.of(a, a)))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OBJECT));
    }

    @Test
    void newDirectoriesRejectBadNames() {
        for (String bad : new String[] {"", "a/b", "nul\0"}) {
            assertThatThrownBy(() -> Directory.of(List.of(file(bad))))
                    .as("name %s", bad)
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OBJECT));
        }
        assertThatThrownBy(() -> Directory.of(List.of(file("x"), file("y"), dir("x"))))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.getMessage()).contains("'x'"));
    }

    @Test
    void gitObjectsPreferTheRawManifest() {
        Bytes raw = Bytes.utf8("tree 3\0odd");
        Directory d = new Directory(ZERO, List.of(file("a")), Optional.of(raw));
        assertThat(Manifests.gitObject(d)).isEqualTo(raw.toByteArray());
        assertThat(Identifiers.of(d)).isEqualTo(Identifiers.sha1(raw.toByteArray()));
        assertThat(Identifiers.canonical(d)).isEqualTo(Identifiers.directory(List.of(file("a"))));
        assertThat(Identifiers.verify(d)).isFalse();
    }

    @Test
    void headersAreTypeSpaceLengthNul() {
        assertThat(text(Manifests.header("blob", 0))).isEqualTo("blob 0\0");
        assertThat(text(Manifests.withHeader("tag", new byte[] {'x'}))).isEqualTo("tag 1\0x");
        assertThatThrownBy(() -> Manifests.header("two words", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manifests.header("blob", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeDirectoriesGrowTheBufferAndStaySorted() {
        List<DirectoryEntry> entries = new ArrayList<>();
        for (int i = 50_000; i > 0; i--) {
            entries.add(i % 3 == 0 ? dir("n" + i) : file("n" + i));
        }
        Directory d = Directory.of(entries);
        byte[] body = Manifests.directory(entries);
        assertThat(Identifiers.hash("tree", body)).isEqualTo(d.id());
        assertThat(Manifests.directory(d.entries())).isEqualTo(body);
        for (int i = 1; i < d.entries().size(); i++) {
            assertThat(Manifests.directoryOrder().compare(d.entries().get(i - 1), d.entries().get(i))).isNegative();
        }
        // A small object afterwards still serialises correctly with the (dropped or reused) buffer.
        assertThat(Manifests.directory(List.of())).isEmpty();
    }

    @Test
    void nestedBuffersDoNotShareStorage() {
        ManifestBuffer outer = ManifestBuffer.acquire();
        try {
            outer.ascii("outer");
            assertThat(Manifests.directory(List.of(file("a")))).hasSize(7 + 1 + 1 + 20);
            assertThat(text(outer.toByteArray())).isEqualTo("outer");
        } finally {
            outer.release();
        }
    }

    @Test
    void concurrentHashingGivesTheSameIds() {
        List<List<DirectoryEntry>> dirs = IntStream.range(0, 200)
                .mapToObj(i -> List.of(file("f" + i), dir("d" + i))).toList();
        List<ObjectId> sequential = dirs.stream().map(Identifiers::directory).toList();
        List<ObjectId> parallel = dirs.parallelStream().map(Identifiers::directory).toList();
        assertThat(parallel).isEqualTo(sequential);
    }
}
