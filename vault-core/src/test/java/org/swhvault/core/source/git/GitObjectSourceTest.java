package org.swhvault.core.source.git;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.GitFixture.GitObject;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.git.SampleRepositories.Literal;

import static org.assertj.core.api.Assertions.assertThat;

class GitObjectSourceTest {
    @TempDir
    static Path tmp;

    static GitFixture history;
    static GitFixture literals;
    static Map<String, Literal> literal;

    @BeforeAll
    static void buildRepositories() {
        history = SampleRepositories.history(tmp.resolve("history"));
        literals = GitFixture.initBare(tmp.resolve("literals.git"));
        literal = SampleRepositories.literalObjects(literals);
    }

    @Test
    void everyObjectOfAnOrdinaryHistoryHashesBackToItsIdWithoutRawManifest() {
        try (GitObjectSource source = GitObjectSource.open(history.dir())) {
            assertEveryObjectHashesBack(history, source, Set.of());
        }
    }

    @Test
    void everyLiteralObjectHashesBackAndOnlyTheOddOnesKeepTheirBytes() {
        Set<String> odd = literal.values().stream().filter(Literal::odd).map(Literal::id).collect(Collectors.toSet());
        try (GitObjectSource source = GitObjectSource.open(literals.dir())) {
            assertEveryObjectHashesBack(literals, source, odd);
        }
    }

    @Test
    void packedObjectsAndPackedRefsReadTheSameAsLooseOnes(@TempDir Path dir) {
        GitFixture packed = SampleRepositories.history(dir.resolve("packed"));
        Map<String, Literal> packedLiterals = SampleRepositories.literalObjects(packed);
        packed.repack().git("pack-refs", "--all");
        assertThat(packed.git("count-objects", "-v")).contains("count: 0");
        Set<String> odd = packedLiterals.values().stream().filter(Literal::odd).map(Literal::id)
                .collect(Collectors.toSet());
        try (GitObjectSource source = GitObjectSource.open(packed.dir())) {
            assertEveryObjectHashesBack(packed, source, odd);
            assertSnapshotMatchesGit(packed, source);
        }
    }

    @Test
    void theSnapshotHoldsEveryRefAndHeadAndHashesLikeTheOracle() {
        try (GitObjectSource source = GitObjectSource.open(history.dir())) {
            Snapshot snapshot = assertSnapshotMatchesGit(history, source);
            assertThat(GitOracle.describe(snapshot)).containsEntry("HEAD", "alias refs/heads/main")
                    .containsEntry("refs/remotes/origin/HEAD", "alias refs/remotes/origin/main")
                    .containsKeys("refs/notes/commits", "refs/tags/v1.0-signed", "refs/tags/light-tree");
            assertThat(GitOracle.describe(snapshot).get("refs/tags/v1.0")).startsWith("release ");
            assertThat(GitOracle.describe(snapshot).get("refs/tags/v0.1")).startsWith("revision ");
            assertThat(GitOracle.describe(snapshot).get("refs/tags/light-tree")).startsWith("directory ");
            assertThat(GitOracle.describe(snapshot).get("refs/tags/light-blob")).startsWith("content ");
            assertThat(source.snapshot(snapshot.id())).contains(snapshot);
            assertThat(source.snapshot(ObjectId.fromHex("1a8893e6a86f444e8be8e7bda6cb34fb1735a00e"))).isEmpty();
        }
    }

    @Test
    void anUnbornHeadIsAnAliasToItsBranch(@TempDir Path dir) {
        GitFixture empty = GitFixture.init(dir.resolve("empty"));
        try (GitObjectSource source = GitObjectSource.open(empty.dir())) {
            Snapshot snapshot = assertSnapshotMatchesGit(empty, source);
            assertThat(GitOracle.describe(snapshot)).containsExactly(Map.entry("HEAD", "alias refs/heads/main"));
        }
    }

    @Test
    void aDetachedHeadPointsToItsCommit(@TempDir Path dir) {
        GitFixture git = GitFixture.init(dir.resolve("detached"));
        git.write("a", "a\n");
        String first = git.commitAll("First\n");
        git.write("a", "b\n");
        git.commitAll("Second\n");
        git.git("checkout", "-q", "--detach", first);
        try (GitObjectSource source = GitObjectSource.open(git.dir())) {
            Snapshot snapshot = assertSnapshotMatchesGit(git, source);
            assertThat(GitOracle.describe(snapshot)).containsEntry("HEAD", "revision " + first);
        }
    }

    @Test
    void theHistoryWalkListsEveryAncestorOnceChildrenFirst() {
        try (GitObjectSource source = GitObjectSource.open(history.dir());
                Stream<Revision> log = source.revisionLog(id(history.revParse("main")))) {
            List<Revision> revisions = log.toList();
            assertThat(revisions.get(0).id()).isEqualTo(id(history.revParse("main")));
            assertTopological(revisions);
            assertThat(hexes(revisions)).containsExactlyInAnyOrderElementsOf(
                    List.of(history.git("rev-list", "main").split("\n")));
            assertThat(revisions).anySatisfy(r -> assertThat(r.parents()).hasSize(3));
            assertThat(revisions.stream().filter(r -> r.parents().isEmpty())).hasSize(2);
        }
    }

    @Test
    void theSampleHistoryHoldsTheCasesItClaims() {
        try (GitObjectSource source = GitObjectSource.open(history.dir());
                Stream<Revision> log = source.revisionLog(id(history.revParse("main")))) {
            List<Revision> revisions = log.toList();
            assertThat(revisions).extracting(r -> r.committerDate().orElseThrow().offset().toString())
                    .contains("-1200", "+1400", "+0545", "-0930");
            assertThat(revisions).anySatisfy(r -> assertThat(r.extraHeaders()).extracting(h -> h.key().toString())
                    .containsExactly("encoding"));
            assertThat(revisions).anySatisfy(r -> assertThat(r.message()).contains(Bytes.utf8("No final newline")));
            Directory root = source.directory(revisions.get(0).directory()).orElseThrow();
            assertThat(root.entries()).extracting(DirectoryEntry::name).contains(Bytes.utf8("new\nline"),
                    Bytes.utf8("tab\there"), Bytes.of(new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'}));
            DirectoryEntry vendor = root.entries().stream().filter(e -> e.name().equals(Bytes.utf8("vendor")))
                    .findFirst().orElseThrow();
            assertThat(source.directory(vendor.target()).orElseThrow().entries())
                    .singleElement().extracting(DirectoryEntry::type).isEqualTo(EntryType.REV);
        }
    }

    @Test
    void theHistoryOfAShallowCloneStopsAtItsShallowCommits(@TempDir Path dir) {
        Path clone = dir.resolve("shallow");
        history.git("clone", "-q", "--depth", "3", "--no-local", "file://" + history.dir(), clone.toString());
        GitFixture shallow = GitFixture.open(clone, false);
        try (GitObjectSource source = GitObjectSource.open(clone);
                Stream<Revision> log = source.revisionLog(id(shallow.revParse("HEAD")))) {
            List<Revision> revisions = log.toList();
            assertTopological(revisions);
            assertThat(hexes(revisions)).containsExactlyInAnyOrderElementsOf(
                    List.of(shallow.git("rev-list", "HEAD").split("\n")));
        }
    }

    @Test
    void theHistoryWalkSkipsParentsThatAreMissingOrNotCommits() {
        try (GitObjectSource source = GitObjectSource.open(literals.dir())) {
            for (String label : List.of("missing parent", "parent is a blob")) {
                ObjectId head = id(literal.get(label).id());
                try (Stream<Revision> log = source.revisionLog(head)) {
                    assertThat(log.map(Revision::id)).containsExactly(head);
                }
            }
        }
    }

    private static Snapshot assertSnapshotMatchesGit(GitFixture git, GitObjectSource source) {
        Snapshot snapshot = source.currentSnapshot();
        Map<String, String> expected = GitOracle.branches(git);
        assertThat(GitOracle.describe(snapshot)).isEqualTo(expected);
        assertThat(snapshot.id().toHex()).isEqualTo(GitOracle.snapshotId(git, expected));
        assertThat(Identifiers.of(snapshot)).isEqualTo(snapshot.id());
        return snapshot;
    }

    /** Reads every object git lists and checks it hashes back to its id; only {@code odd} keep raw bytes. */
    static void assertEveryObjectHashesBack(GitFixture git, GitObjectSource source, Set<String> odd) {
        List<GitObject> objects = git.allObjects();
        assertThat(objects).hasSizeGreaterThan(10);
        SoftAssertions softly = new SoftAssertions();
        Map<String, Integer> seen = new HashMap<>();
        for (GitObject o : objects) {
            seen.merge(o.type(), 1, Integer::sum);
            ObjectId id = id(o.id());
            String what = o.type() + " " + o.id() + (odd.contains(o.id()) ? " (odd)" : "");
            Optional<Bytes> raw;
            ObjectId computed;
            switch (o.type()) {
                case "blob" -> {
                    Content content = source.content(id).orElseThrow();
                    softly.assertThat(content).as(what).isEqualTo(new Content(id, o.size(), ContentStatus.VISIBLE));
                    softly.assertThat(GitOracle.blobId(source.openContent(id))).as(what).isEqualTo(o.id());
                    softly.assertThat(source.directory(id)).as(what).isEmpty();
                    continue;
                }
                case "tree" -> {
                    Directory d = source.directory(id).orElseThrow();
                    raw = d.rawManifest();
                    computed = Identifiers.of(d);
                    softly.assertThat(d.id()).isEqualTo(id);
                    softly.assertThat(source.revision(id)).as(what).isEmpty();
                }
                case "commit" -> {
                    Revision r = source.revision(id).orElseThrow();
                    raw = r.rawManifest();
                    computed = Identifiers.of(r);
                    softly.assertThat(r.id()).isEqualTo(id);
                    softly.assertThat(source.content(id)).as(what).isEmpty();
                }
                case "tag" -> {
                    Release r = source.release(id).orElseThrow();
                    raw = r.rawManifest();
                    computed = Identifiers.of(r);
                    softly.assertThat(r.id()).isEqualTo(id);
                    softly.assertThat(source.directory(id)).as(what).isEmpty();
                }
                default -> throw new AssertionError("unexpected object type " + o.type());
            }
            softly.assertThat(computed).as(what).isEqualTo(id);
            if (odd.contains(o.id())) {
                softly.assertThat(raw).as(what).contains(
                        Bytes.wrap(GitOracle.withHeader(o.type(), git.catFile(o.type(), o.id()))));
            } else {
                softly.assertThat(raw).as(what).isEmpty();
            }
        }
        softly.assertAll();
        assertThat(seen).containsKeys("blob", "tree", "commit");
    }

    static void assertTopological(List<Revision> revisions) {
        Set<ObjectId> emitted = new HashSet<>();
        Set<ObjectId> all = revisions.stream().map(Revision::id).collect(Collectors.toSet());
        assertThat(all).hasSameSizeAs(revisions);
        for (Revision r : revisions) {
            for (ObjectId parent : r.parents()) {
                assertThat(emitted).as("parent %s of %s comes after it", parent, r.id()).doesNotContain(parent);
            }
            emitted.add(r.id());
        }
    }

    static List<String> hexes(List<Revision> revisions) {
        return revisions.stream().map(r -> r.id().toHex()).toList();
    }

    static ObjectId id(String hex) {
        return ObjectId.fromHex(hex);
    }
}
