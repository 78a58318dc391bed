package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.internal.Placeholders;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.ProcessResult;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cooks bundles of hand-made archives with the cases real git repositories do not have. */
class GitBareCookerMemoryTest {
    private static final ObjectId NOWHERE = ObjectId.fromHex("1111111111111111111111111111111111111111");

    @TempDir
    Path tmp;

    @Test
    void danglingBranchesAreLeftOutAndReported() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.tree(t -> t.file("a", "a\n")));
        ObjectId snp = archive.snapshot(s -> s.revision("refs/heads/main", rev).dangling("refs/heads/gone")
                .alias("HEAD", "refs/heads/main"));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), archive.build(), tmp);
        assertThat(Cooked.refs(cooked.repo)).containsExactly(Map.entry("refs/heads/main", rev + " commit"));
        assertThat(cooked.messages).contains("The dangling branch 'refs/heads/gone' is left out.");
        assertThat(cooked.git("symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void aliasesBecomeSymbolicRefsWhenTheirTargetIsWritten() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.tree(t -> t.file("a", "a\n")));
        ObjectId snp = archive.snapshot(s -> s.revision("refs/remotes/origin/main", rev)
                .alias("refs/remotes/origin/HEAD", "refs/remotes/origin/main")
                .alias("refs/heads/chained", "refs/remotes/origin/HEAD")
                .alias("refs/heads/broken", "refs/heads/nothing")
                .alias("HEAD", "refs/heads/chained"));
        // HEAD would end at refs/remotes/origin/main, outside refs/heads/: git wants it detached.
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), archive.build(), tmp);
        assertThat(Cooked.refs(cooked.repo)).containsOnlyKeys("refs/remotes/origin/main", "refs/remotes/origin/HEAD",
                "refs/heads/chained").allSatisfy((name, target) -> assertThat(target).isEqualTo(rev + " commit"));
        assertThat(cooked.git("symbolic-ref", "refs/remotes/origin/HEAD")).isEqualTo("refs/remotes/origin/main");
        assertThat(cooked.repo.resolve("refs/heads/chained")).hasContent("ref: refs/remotes/origin/HEAD");
        assertThat(cooked.repo.resolve("HEAD")).hasContent(rev.toHex());
        assertThat(cooked.messages).contains(
                "The alias 'refs/heads/broken' points to 'refs/heads/nothing', which is not in the bundle; it is left out.");
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void branchNamesOutsideRefsGoUnderRefsHeadsAndInvalidOrClashingOnesAreLeftOut() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.tree(t -> t.file("a", "a\n")));
        ObjectId rel = archive.release(r -> r.name("1.0").revision(rev));
        ObjectId snp = archive.snapshot(s -> s.release("releases/1.0", rel).revision("trunk", rev)
                .alias("latest", "releases/1.0").alias("tip", "trunk")
                .revision("bad name", rev).revision("refs/heads/x..y", rev)
                .revision("master", rev).revision("refs/heads/master", rev)
                .revision("refs/heads/a", rev).revision("a/b", rev)
                .alias("HEAD", "tip"));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), archive.build(), tmp);
        assertThat(Cooked.refs(cooked.repo)).containsOnlyKeys("refs/tags/releases/1.0", "refs/tags/latest",
                "refs/heads/trunk", "refs/heads/tip", "refs/heads/master", "refs/heads/a");
        assertThat(cooked.repo.resolve("refs/tags/latest")).hasContent("ref: refs/tags/releases/1.0");
        assertThat(cooked.repo.resolve("HEAD")).hasContent("ref: refs/heads/tip");
        assertThat(cooked.messages).contains(
                "The branch 'bad name' is not a valid git reference name; it is left out.",
                "The branch 'refs/heads/x..y' is not a valid git reference name; it is left out.",
                "The branch 'master' would be the git reference 'refs/heads/master', which clashes with another "
                        + "branch; it is left out.",
                "The branch 'a/b' would be the git reference 'refs/heads/a/b', which clashes with another "
                        + "branch; it is left out.");
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void aHeadThatLeadsToAReleaseIsDetachedAtItsRevision() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.tree(t -> t.file("a", "a\n")));
        ObjectId rel = archive.release(r -> r.name("2.0").revision(rev));
        ObjectId snp = archive.snapshot(s -> s.release("releases/2.0", rel).alias("HEAD", "releases/2.0"));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), archive.build(), tmp);
        assertThat(cooked.repo.resolve("HEAD")).hasContent(rev.toHex());
        assertThat(Cooked.refs(cooked.repo)).containsExactly(Map.entry("refs/tags/releases/2.0", rel + " tag"));
        GitBareCookerGitTest.assertFsckClean(cooked);
        Path clone = tmp.resolve("clone");
        Cooked.git(tmp, "clone", "-q", cooked.repo.toString(), clone.toString());
        assertThat(Cooked.git(clone, "rev-parse", "HEAD")).isEqualTo(rev.toHex());
    }

    @Test
    void aHeadThatIsARevisionIsDetached() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.tree(t -> t.file("a", "a\n")));
        ObjectId snp = archive.snapshot(s -> s.revision("HEAD", rev));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), archive.build(), tmp);
        assertThat(cooked.repo.resolve("HEAD")).hasContent(rev.toHex());
        assertThat(Cooked.refs(cooked.repo)).isEmpty();
        GitBareCookerGitTest.assertFsckClean(cooked);
        Path clone = tmp.resolve("clone");
        Cooked.git(tmp, "clone", "-q", "--no-local", cooked.repo.toString(), clone.toString());
        assertThat(Cooked.git(clone, "rev-parse", "HEAD")).isEqualTo(rev.toHex());
    }

    @Test
    void missingObjectsAreLeftOutAndReported() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.directory(NOWHERE).parents(ObjectId.fromHex("2".repeat(40))));
        ObjectId snp = archive.snapshot(s -> s.revision("refs/heads/main", rev)
                .revision("refs/heads/lost", ObjectId.fromHex("3".repeat(40))));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), archive.build(), tmp);
        assertThat(Cooked.objectIds(cooked.repo)).containsExactly(rev.toHex());
        assertThat(Cooked.refs(cooked.repo)).containsOnlyKeys("refs/heads/main");
        assertThat(cooked.messages).contains(
                "The revision 2222222222222222222222222222222222222222 is missing from the archive; it is left out.",
                "The revision 3333333333333333333333333333333333333333 is missing from the archive; it is left out.",
                "The directory 1111111111111111111111111111111111111111 is missing from the archive; it is left out.",
                "The branch 'refs/heads/lost' points to the revision 3333333333333333333333333333333333333333, "
                        + "which the archive is missing; it is left out.");
    }

    @Test
    void unavailableContentsArePlaceholdersUnderTheirOwnIds() throws Exception {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("ok", "fine\n").hiddenFile("hidden", "secret\n")
                .absentFile("absent", "huge\n").missingFile("missing", "lost\n"));
        ObjectId rev = archive.revision(r -> r.directory(dir));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.REVISION, rev), archive.build(), tmp);
        Map<String, String> texts = Map.of(
                "hidden", Placeholders.HIDDEN, "absent", Placeholders.ABSENT,
                "missing", Placeholders.MISSING, "ok", "fine\n");
        for (var e : texts.entrySet()) {
            String id = MemorySourceBuilder.blobId(("ok".equals(e.getKey()) ? "fine\n"
                    : "hidden".equals(e.getKey()) ? "secret\n" : "absent".equals(e.getKey()) ? "huge\n" : "lost\n")
                    .getBytes(StandardCharsets.UTF_8)).toHex();
            assertThat(cooked.git("rev-parse", "master:" + e.getKey())).isEqualTo(id);
            assertThat(cooked.git("cat-file", "blob", id)).isEqualTo(e.getValue().strip());
            if (!"ok".equals(e.getKey())) {
                assertThat(cooked.messages).contains("The content " + id + " "
                        + Map.of("hidden", "is hidden", "absent", "was not retrieved by the archive",
                                "missing", "is missing from the archive").get(e.getKey())
                        + "; it holds a placeholder text instead.");
            }
        }
        ProcessResult fsck = cooked.tryGit("fsck", "--full", "--no-dangling");
        assertThat(fsck.stderrText().lines()).hasSize(3).allSatisfy(line -> assertThat(line)
                .containsAnyOf(Stream.of("secret\n", "huge\n", "lost\n")
                        .map(s -> MemorySourceBuilder.blobId(s.getBytes(StandardCharsets.UTF_8)).toHex())
                        .toArray(String[]::new)));
        Path clone = tmp.resolve("clone");
        Cooked.git(tmp, "clone", "-q", cooked.repo.toString(), clone.toString());
        assertThat(Files.readString(clone.resolve("hidden"))).isEqualTo(Placeholders.HIDDEN);
        assertThat(Files.readString(clone.resolve("ok"))).isEqualTo("fine\n");
    }

    @Test
    void aReleaseOfASnapshotIsRefusedAndLeftOutOfSnapshots() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.tree(t -> t.file("a", "a\n")));
        ObjectId inner = archive.snapshot(s -> s.revision("refs/heads/main", rev));
        ObjectId relOfSnp = archive.release(r -> r.name("snap").target(ObjectType.SNAPSHOT, inner));
        ObjectId relOfRel = archive.release(r -> r.name("outer").target(ObjectType.RELEASE, relOfSnp));
        ObjectId snp = archive.snapshot(s -> s.revision("refs/heads/main", rev).release("refs/tags/snap", relOfSnp)
                .branch("refs/heads/snapshot", ObjectType.SNAPSHOT, inner));
        MemoryObjectSource source = archive.build();
        for (ObjectId rel : List.of(relOfSnp, relOfRel)) {
            assertThatThrownBy(() -> new GitBareCooker().cook(Swhid.of(ObjectType.RELEASE, rel), source,
                    new ByteArrayOutputStream(), CookContext.silent()))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessageContaining("points to a snapshot");
        }
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), source, tmp);
        assertThat(Cooked.refs(cooked.repo)).containsOnlyKeys("refs/heads/main");
        assertThat(cooked.messages).contains(
                "The branch 'refs/heads/snapshot' points to a snapshot, which a git repository cannot hold; "
                        + "it is left out.",
                "The release " + relOfSnp + " points to a snapshot, which a git repository cannot hold; it is left out.");
    }

    @Test
    void releaseNamesThatAreNotRefNamesBecomeRefsTagsRelease() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId rev = archive.revision(r -> r.tree(t -> t.file("a", "a\n")));
        ObjectId weird = archive.release(r -> r.name("1.0.0:weirdname").revision(rev));
        ObjectId nested = archive.release(r -> r.name("debian/1.0-1").revision(rev));
        MemoryObjectSource source = archive.build();
        Cooked w = Cooked.cook(Swhid.of(ObjectType.RELEASE, weird), source, tmp.resolve("weird"));
        assertThat(Cooked.refs(w.repo)).containsExactly(Map.entry("refs/heads/master", rev + " commit"),
                Map.entry("refs/tags/release", weird + " tag"));
        assertThat(w.messages).contains(
                "The release name '1.0.0:weirdname' is not a valid git tag name; the tag is refs/tags/release.");
        Cooked n = Cooked.cook(Swhid.of(ObjectType.RELEASE, nested), source, tmp.resolve("nested"));
        assertThat(Cooked.refs(n.repo)).containsKey("refs/tags/debian/1.0-1");
    }

    @Test
    void aLargeContentIsStreamedWhole() throws Exception {
        byte[] big = new byte[3 << 20];
        new java.util.Random(3).nextBytes(big);
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("big.bin", big).file("small", "small\n"));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.DIRECTORY, dir), archive.build(), tmp);
        String id = MemorySourceBuilder.blobId(big).toHex();
        assertThat(IsolatedGit.in(cooked.repo).command("cat-file", "blob", id).run().stdout()).isEqualTo(big);
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void aLargeContentDeliveringAnotherLengthThanAnnouncedFailsTheCook() {
        byte[] big = new byte[(1 << 20) + 100];
        new java.util.Random(4).nextBytes(big);
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("big.bin", big));
        MemoryObjectSource source = archive.build();
        // Shorter than what was read before the length was asked for, shorter, and longer than the bytes.
        for (long announced : new long[] {1000, big.length - 1, big.length + 1}) {
            ObjectSource lying = new ForwardingObjectSource(source) {
                @Override
                public Optional<Content> content(ObjectId id) {
                    return delegate.content(id).map(c -> new Content(id, announced, ContentStatus.VISIBLE));
                }
            };
            assertThatThrownBy(() -> new GitBareCooker().cook(Swhid.of(ObjectType.DIRECTORY, dir), lying,
                    new ByteArrayOutputStream(), CookContext.silent()))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessageContaining("swh:1:cnt:" + MemorySourceBuilder.blobId(big).toHex())
                    .hasMessageContaining("the " + announced + " bytes");
        }
    }

    @Test
    void anObjectThatDoesNotHashToItsIdIsKeptAndReported() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId tree = archive.directory(t -> t.file("a", "a\n"));
        org.swhvault.spi.model.Revision forged = org.swhvault.spi.model.Revision.builder().directory(tree)
                .message("forged\n").id(NOWHERE).build();
        archive.add(forged);
        ObjectId snp = archive.snapshot(s -> s.revision("refs/heads/main", NOWHERE));
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.SNAPSHOT, snp), archive.build(), tmp);
        assertThat(Cooked.refs(cooked.repo)).containsExactly(Map.entry("refs/heads/main", NOWHERE + " commit"));
        assertThat(cooked.messages).anySatisfy(m -> assertThat(m).startsWith(
                "The commit " + NOWHERE + " does not hash to its id (its bytes hash to "));
    }

    @Test
    void theStubCommitOfADirectoryHasAFixedId() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId empty = archive.directory(t -> { });
        Cooked cooked = Cooked.cook(Swhid.of(ObjectType.DIRECTORY, empty), archive.build(), tmp);
        assertThat(empty.toHex()).isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
        assertThat(Cooked.refs(cooked.repo)).containsExactly(
                Map.entry("refs/heads/master", "6e5ad8aa88e8ec72d2eeefc4a420e9bbbe07f356 commit"));
        GitBareCookerGitTest.assertFsckClean(cooked);
    }

    @Test
    void missingRootsAreNotFoundAndContentsAreRefused() {
        MemoryObjectSource empty = MemoryObjectSource.empty();
        for (ObjectType type : List.of(ObjectType.SNAPSHOT, ObjectType.RELEASE, ObjectType.REVISION,
                ObjectType.DIRECTORY)) {
            Swhid swhid = Swhid.of(type, NOWHERE);
            assertThatThrownBy(() -> new GitBareCooker().cook(swhid, empty, new ByteArrayOutputStream(),
                    CookContext.silent())).isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
                    .hasMessage(swhid + " was not found.");
        }
        assertThatThrownBy(() -> new GitBareCooker().cook(Swhid.of(ObjectType.CONTENT, NOWHERE), empty,
                new ByteArrayOutputStream(), CookContext.silent()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessage("Object type CONTENT cannot be cooked as 'git-bare' bundle.");
    }
}
