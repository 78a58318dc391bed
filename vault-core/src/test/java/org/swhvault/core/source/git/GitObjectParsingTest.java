package org.swhvault.core.source.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.git.SampleRepositories.Literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitObjectParsingTest {
    @TempDir
    static Path tmp;

    static GitFixture git;
    static Map<String, Literal> literal;
    static GitObjectSource source;

    @BeforeAll
    static void buildRepository() {
        git = GitFixture.initBare(tmp.resolve("literals.git"));
        literal = SampleRepositories.literalObjects(git);
        source = GitObjectSource.open(git.dir());
    }

    @AfterAll
    static void close() {
        source.close();
    }

    @Test
    void extraHeadersKeepTheirOrderAndTheirContinuationLines() {
        Revision signed = revision("gpgsig");
        assertThat(signed.extraHeaders()).containsExactly(new Header(Bytes.utf8("gpgsig"),
                Bytes.utf8("-----BEGIN PGP SIGNATURE-----\n\niQEz\n=abcd\n-----END PGP SIGNATURE-----")));
        assertThat(signed.message()).contains(Bytes.utf8("Signed\n"));
        assertThat(revision("extra headers").extraHeaders()).extracting(h -> h.key().toString())
                .containsExactly("encoding", "x-custom", "mergetag");
    }

    @Test
    void personsAndDatesAreSplitAtTheLastAngleBracketKeepingOffsetBytes() {
        Revision zones = revision("zones");
        assertThat(zones.author()).contains(Person.of("A <a>"));
        assertThat(zones.date()).contains(Timestamp.of(0, "-0000"));
        assertThat(zones.committerDate()).contains(Timestamp.of(4102444799L, "+1400"));
        assertThat(revision("odd zones").date()).contains(Timestamp.of(1, "+5d4"));
        assertThat(revision("two >").author()).contains(Person.of("Bad <Name>> >"));
        assertThat(revision("newline in name").author()).contains(Person.of("Name\n<with newline>"));
        Revision noDates = revision("no dates");
        assertThat(noDates.author()).contains(Person.of("A <a>"));
        assertThat(noDates.date()).isEmpty();
        assertThat(noDates.committer()).contains(Person.of("No Date At All"));
    }

    @Test
    void unparseableDatesKeepTheNameAndTheRawBytes() {
        Revision bad = revision("bad date");
        assertThat(bad.author()).contains(Person.of("A <a>"));
        assertThat(bad.date()).isEmpty();
        assertThat(bad.rawManifest()).isPresent();
    }

    @Test
    void messagesTellNoneApartFromEmpty() {
        assertThat(revision("no message").message()).isEmpty();
        assertThat(revision("empty message").message()).contains(Bytes.EMPTY);
        assertThat(revision("no committer").committer()).isEmpty();
        assertThat(revision("no persons").author()).isEmpty();
    }

    @Test
    void fieldsOfOddCommitsAreKeptWhereTheyCanBe() {
        Revision swapped = revision("swapped persons");
        assertThat(swapped.author()).contains(Person.of("A U Thor <author@example.com>"));
        assertThat(swapped.committer()).contains(Person.of("C O Mitter <committer@example.com>"));
        assertThat(revision("late parent").parents()).isEmpty();
        assertThat(revision("no tree").directory()).isEqualTo(ObjectId.of(new byte[20]));
    }

    @Test
    void treeEntryTypesFollowTheModeAndOddModesAreKept() {
        assertThat(directory("gitlink and symlink").entries()).extracting(DirectoryEntry::type, DirectoryEntry::perms)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryType.REV, 0160000),
                        org.assertj.core.groups.Tuple.tuple(EntryType.FILE, 0120000));
        DirectoryEntry padded = directory("mode 040000").entries().get(0);
        assertThat(padded.type()).isEqualTo(EntryType.DIR);
        assertThat(padded.perms()).isEqualTo(040000);
        assertThat(directory("mode 100664").entries().get(0).perms()).isEqualTo(0100664);
        assertThat(directory("unsorted").entries()).extracting(e -> e.name().toString()).containsExactly("b", "a");
        assertThat(directory("slash in name").entries().get(0).name()).isEqualTo(Bytes.utf8("has/slash"));
    }

    @Test
    void tagsAreParsedIntoReleases() {
        Release tag = release("tag");
        assertThat(tag.name()).isEqualTo(Bytes.utf8("t"));
        assertThat(tag.targetType()).isEqualTo(ObjectType.CONTENT);
        assertThat(tag.author()).contains(Person.of("T <t>"));
        assertThat(tag.date()).contains(Timestamp.of(5, "-0000"));
        assertThat(tag.message()).contains(Bytes.utf8("A tag\n"));
        assertThat(release("no tagger").author()).isEmpty();
        assertThat(release("tag without message").message()).isEmpty();
    }

    @Test
    void lookingUpAnObjectAsAnotherTypeFindsNothing() {
        ObjectId commit = id(literal.get("reachable").id());
        assertThat(source.directory(commit)).isEmpty();
        assertThat(source.release(commit)).isEmpty();
        assertThat(source.content(commit)).isEmpty();
        assertThatThrownBy(() -> source.openContent(commit)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
        assertThatThrownBy(() -> source.revisionLog(id(literal.get("tag").id())))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
    }

    @Test
    void missingObjectsAreEmptyAndCannotBeOpened() {
        ObjectId missing = id("0123456789012345678901234567890123456789");
        assertThat(source.directory(missing)).isEmpty();
        assertThat(source.revision(missing)).isEmpty();
        assertThat(source.release(missing)).isEmpty();
        assertThat(source.content(missing)).isEmpty();
        assertThat(source.snapshot(missing)).isEmpty();
        assertThatThrownBy(() -> source.openContent(missing)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
        assertThatThrownBy(() -> source.revisionLog(missing)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
    }

    @Test
    void batchLookUpsLeaveOutWhatIsMissingOrOfAnotherType() {
        ObjectId commit = id(literal.get("reachable").id());
        ObjectId other = id(literal.get("gpgsig").id());
        ObjectId missing = id("0123456789012345678901234567890123456789");
        ObjectId tree = source.revision(commit).orElseThrow().directory();
        assertThat(source.revisions(List.of(commit, missing, tree, other)).keySet()).containsExactly(commit, other);
        assertThat(source.directories(List.of(commit, tree)).keySet()).containsExactly(tree);
        assertThat(source.releases(List.of(id(literal.get("tag").id()), commit))).hasSize(1);
        ObjectId blob = source.directory(tree).orElseThrow().entries().get(0).target();
        assertThat(source.contents(List.of(blob, tree, missing)).keySet()).containsExactly(blob);
    }

    @Test
    void anUnparseableTreeIsACorruptObjectNamingItsId(@TempDir Path dir) {
        GitFixture broken = GitFixture.initBare(dir.resolve("broken.git"));
        String truncated = broken.literal("tree", "100644 name\0short");
        String badMode = broken.literal("tree", SampleRepositories.entry("10064x", "name", "1".repeat(40)));
        try (GitObjectSource src = GitObjectSource.open(broken.dir())) {
            for (String id : List.of(truncated, badMode)) {
                assertThatThrownBy(() -> src.directory(id(id))).isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT)).hasMessageContaining(id);
            }
        }
    }

    @Test
    void aDamagedObjectFileIsACorruptObjectNamingItsId(@TempDir Path dir) throws Exception {
        GitFixture broken = GitFixture.initBare(dir.resolve("damaged.git"));
        String blob = broken.blob("some bytes\n".getBytes(StandardCharsets.UTF_8));
        Path file = broken.gitDir().resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2));
        file.toFile().setWritable(true);
        Files.write(file, "this is not zlib data".getBytes(StandardCharsets.UTF_8));
        try (GitObjectSource src = GitObjectSource.open(broken.dir())) {
            assertThatThrownBy(() -> src.content(id(blob))).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT)).hasMessageContaining(blob);
        }
    }

    @Test
    void largeContentsAreStreamed(@TempDir Path dir) {
        GitFixture big = GitFixture.initBare(dir.resolve("big.git"));
        byte[] data = new byte[3 << 20];
        new Random(42).nextBytes(data);
        String blob = big.blob(data);
        try (GitObjectSource src = GitObjectSource.open(big.dir())) {
            assertThat(src.content(id(blob)).orElseThrow().length()).isEqualTo(data.length);
            assertThat(GitOracle.blobId(src.openContent(id(blob)))).isEqualTo(blob);
        }
    }

    @Test
    void openingSomethingThatIsNotARepositoryIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> GitObjectSource.open(dir)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("not a git repository");
        assertThatThrownBy(() -> GitObjectSource.open(dir.resolve("nowhere")))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void oneSourceServesManyThreadsAtOnce() throws Exception {
        List<GitFixture.GitObject> objects = git.allObjects();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (GitFixture.GitObject o : objects) {
                        ObjectId id = id(o.id());
                        Optional<ObjectId> computed = switch (o.type()) {
                            case "tree" -> source.directory(id).map(Identifiers::of);
                            case "commit" -> source.revision(id).map(Identifiers::of);
                            case "tag" -> source.release(id).map(Identifiers::of);
                            default -> Optional.of(id);
                        };
                        assertThat(computed).contains(id);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(objects.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Revision revision(String label) {
        return source.revision(id(literal.get(label).id())).orElseThrow();
    }

    private static Directory directory(String label) {
        return source.directory(id(literal.get(label).id())).orElseThrow();
    }

    private static Release release(String label) {
        return source.release(id(literal.get(label).id())).orElseThrow();
    }

    private static ObjectId id(String hex) {
        return ObjectId.fromHex(hex);
    }
}
