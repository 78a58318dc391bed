package org.swhvault.core.source.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.GitFixture.TreeEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryObjectSourceTest {
    private static final ObjectId SOMEWHERE = ObjectId.fromHex("94a9ed024d3859793618152ea559a168bbcbb5e2");

    @Test
    void treesBuiltByPathAndByNestingHaveTheIdsGitGives(@TempDir Path dir) {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId root = archive.directory(t -> t
                .file("README", "hello\n")
                .executable("bin/run.sh", "#!/bin/sh\n")
                .symlink("docs", "README")
                .file("src/main.c", "int main;\n")
                .directory("src", src -> src.file("util.c", "int util;\n").emptyDirectory("empty"))
                .submodule("vendor/lib", SOMEWHERE));
        MemoryObjectSource source = archive.build();

        GitFixture git = GitFixture.initBare(dir.resolve("oracle.git"));
        String empty = git.mktree(List.of());
        String src = git.mktree(List.of(
                TreeEntry.of("100644", "blob", git.blob(utf8("int main;\n")), "main.c"),
                TreeEntry.of("100644", "blob", git.blob(utf8("int util;\n")), "util.c"),
                TreeEntry.of("040000", "tree", empty, "empty")));
        String vendor = git.mktree(List.of(TreeEntry.of("160000", "commit", SOMEWHERE.toHex(), "lib")));
        String expected = git.mktree(List.of(
                TreeEntry.of("100644", "blob", git.blob(utf8("hello\n")), "README"),
                TreeEntry.of("040000", "tree", git.mktree(List.of(TreeEntry.of("100755", "blob",
                        git.blob(utf8("#!/bin/sh\n")), "run.sh"))), "bin"),
                TreeEntry.of("120000", "blob", git.blob(utf8("README")), "docs"),
                TreeEntry.of("040000", "tree", src, "src"),
                TreeEntry.of("040000", "tree", vendor, "vendor")));

        assertThat(root.toHex()).isEqualTo(expected);
        Directory directory = source.directory(root).orElseThrow();
        assertThat(Identifiers.of(directory)).isEqualTo(root);
        assertThat(directory.entries()).extracting(e -> e.name().toString())
                .containsExactly("README", "bin", "docs", "src", "vendor");
        assertThat(source.directory(ObjectId.fromHex(src))).isPresent();
        assertThat(source.directory(ObjectId.fromHex(empty)).orElseThrow().entries()).isEmpty();
        assertThat(source.revision(SOMEWHERE)).isEmpty();
    }

    @Test
    void entriesAreSortedInGitOrder() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId root = archive.directory(t -> t.file("foo0", "").file("foo.c", "").emptyDirectory("foo")
                .file("foo-bar", "").file("\u00e9", "").file("A", ""));
        assertThat(archive.build().directory(root).orElseThrow().entries()).extracting(e -> e.name().toString())
                .containsExactly("A", "foo-bar", "foo.c", "foo", "foo0", "\u00e9");
    }

    @Test
    void contentsAreVisibleHiddenAbsentOrMissing() throws IOException {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId root = archive.directory(t -> t.file("visible", "shown\n").hiddenFile("hidden", "taken down\n")
                .absentFile("absent", "too big\n").missingFile("missing", "never archived\n"));
        MemoryObjectSource source = archive.build();
        List<DirectoryEntry> entries = source.directory(root).orElseThrow().entries();
        ObjectId absent = entries.get(0).target();
        ObjectId hidden = entries.get(1).target();
        ObjectId missing = entries.get(2).target();
        ObjectId visible = entries.get(3).target();

        assertThat(source.content(visible)).contains(new Content(visible, 6, ContentStatus.VISIBLE));
        assertThat(source.openContent(visible).readAllBytes()).isEqualTo(utf8("shown\n"));
        assertThat(source.content(hidden)).contains(new Content(hidden, 11, ContentStatus.HIDDEN));
        assertThat(source.content(absent)).contains(new Content(absent, 8, ContentStatus.ABSENT));
        assertThat(source.content(missing)).isEmpty();
        assertThat(missing).isEqualTo(MemorySourceBuilder.blobId(utf8("never archived\n")));
        for (ObjectId unavailable : List.of(hidden, absent)) {
            assertThatThrownBy(() -> source.openContent(unavailable)).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE));
        }
        assertThatThrownBy(() -> source.openContent(missing)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
        assertThat(source.contents(List.of(visible, hidden, missing)).keySet()).containsExactly(visible, hidden);
    }

    @Test
    void revisionsCarryEveryFieldAndHashCanonically() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId parent = archive.revision(r -> r.message("first\n"));
        ObjectId id = archive.revision(r -> r
                .tree(t -> t.file("a", "a\n"))
                .parents(parent, SOMEWHERE)
                .author("Jane <jane@example.org>", 1_234_567_890L, "-0000")
                .committer("John <john@example.org>", -5, "+5d4")
                .header("encoding", "ISO-8859-1")
                .header("gpgsig", "line one\n\nline three")
                .noMessage());
        Revision revision = archive.build().revision(id).orElseThrow();
        assertThat(Identifiers.of(revision)).isEqualTo(id);
        assertThat(revision.parents()).containsExactly(parent, SOMEWHERE);
        assertThat(revision.date()).contains(Timestamp.of(1_234_567_890L, "-0000"));
        assertThat(revision.message()).isEmpty();
        assertThat(revision.rawManifest()).isEmpty();
        assertThat(new String(Manifests.revision(revision), StandardCharsets.UTF_8))
                .contains("\ngpgsig line one\n \n line three\n").doesNotContain("\n\n");
    }

    @Test
    void defaultDatesMakeIdenticalRevisionsDistinct() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId a = archive.revision(r -> r.message("same\n"));
        ObjectId b = archive.revision(r -> r.message("same\n"));
        MemoryObjectSource source = archive.build();
        assertThat(a).isNotEqualTo(b);
        assertThat(source.revision(b).orElseThrow().date().orElseThrow().seconds())
                .isEqualTo(source.revision(a).orElseThrow().date().orElseThrow().seconds() + 60);
        assertThat(source.revision(a).orElseThrow().committer().orElseThrow().fullname())
                .isEqualTo(Bytes.utf8(RevisionBuilder.DEFAULT_COMMITTER));
    }

    @Test
    void aRawManifestGivesTheIdWhateverTheFields() {
        byte[] raw = utf8("commit 13\0not canonical");
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId id = archive.revision(r -> r.message("whatever\n").rawManifest(raw));
        Revision revision = archive.build().revision(id).orElseThrow();
        assertThat(id).isEqualTo(Identifiers.sha1(raw));
        assertThat(Identifiers.of(revision)).isEqualTo(id);
        assertThat(revision.rawManifest()).contains(Bytes.of(raw));
    }

    @Test
    void releasesAndSnapshotsWithAliasesAndDanglingBranches() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId head = archive.revision(r -> r.message("head\n"));
        ObjectId release = archive.release(r -> r.name("v1.0").revision(head).noAuthor());
        ObjectId tagOfTag = archive.release(r -> r.name("v1.0-signed").target(ObjectType.RELEASE, release)
                .author("T <t>", 0, "+1400").message("signed\n"));
        ObjectId snapshot = archive.snapshot(s -> s
                .revision("refs/heads/main", head)
                .release("refs/tags/v1.0", release)
                .branch("refs/tags/tree", ObjectType.DIRECTORY, SOMEWHERE)
                .alias("HEAD", "refs/heads/main")
                .alias("refs/heads/gone", "refs/heads/nowhere")
                .dangling("refs/heads/dangling"));
        MemoryObjectSource source = archive.build();

        Release r = source.release(release).orElseThrow();
        assertThat(Identifiers.of(r)).isEqualTo(release);
        assertThat(r.author()).isEmpty();
        assertThat(r.message()).contains(Bytes.utf8("Release v1.0\n"));
        assertThat(Identifiers.of(source.release(tagOfTag).orElseThrow())).isEqualTo(tagOfTag);
        Snapshot s = source.snapshot(snapshot).orElseThrow();
        assertThat(Identifiers.of(s)).isEqualTo(snapshot);
        assertThat(s.branches()).extracting(b -> b.name().toString())
                .containsExactly("HEAD", "refs/heads/dangling", "refs/heads/gone", "refs/heads/main",
                        "refs/tags/tree", "refs/tags/v1.0");
        assertThat(s.branches()).contains(new SnapshotBranch(Bytes.utf8("refs/heads/dangling"), BranchTarget.DANGLING));
    }

    @Test
    void theHistoryOfAMergeHeavyGraphListsEachRevisionOnceBeforeItsParents() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId root = archive.revision(r -> r.message("root\n"));
        ObjectId otherRoot = archive.revision(r -> r.message("other root\n"));
        ObjectId a = archive.revision(r -> r.parents(root));
        ObjectId b = archive.revision(r -> r.parents(root));
        ObjectId c = archive.revision(r -> r.parents(root));
        ObjectId octopus = archive.revision(r -> r.parents(a, b, c));
        ObjectId side = archive.revision(r -> r.parents(b, otherRoot));
        ObjectId crissCross1 = archive.revision(r -> r.parents(octopus, side));
        ObjectId crissCross2 = archive.revision(r -> r.parents(side, octopus));
        ObjectId missingParent = archive.revision(r -> r.parents(SOMEWHERE, crissCross2));
        ObjectId head = archive.revision(r -> r.parents(crissCross1, missingParent, a));
        MemoryObjectSource source = archive.build();

        List<ObjectId> log;
        try (Stream<Revision> stream = source.revisionLog(head)) {
            log = stream.map(Revision::id).toList();
        }
        assertThat(log).containsExactlyInAnyOrder(head, missingParent, crissCross1, crissCross2, side, octopus,
                a, b, c, root, otherRoot);
        assertThat(log.get(0)).isEqualTo(head);
        assertThat(log.get(1)).as("the first parent comes first").isEqualTo(crissCross1);
        Set<ObjectId> seen = new HashSet<>();
        for (ObjectId id : log) {
            for (ObjectId parent : source.revision(id).orElseThrow().parents()) {
                assertThat(seen).as("parent %s listed after %s", parent, id).doesNotContain(parent);
            }
            seen.add(id);
        }
        try (Stream<Revision> stream = source.revisionLog(a)) {
            assertThat(stream.map(Revision::id)).containsExactly(a, root);
        }
        assertThatThrownBy(() -> source.revisionLog(SOMEWHERE)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
    }

    @Test
    void theHistoryIsStreamedLazily() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId tip = archive.revision(r -> r.message("0\n"));
        for (int i = 1; i < 1000; i++) {
            ObjectId parent = tip;
            tip = archive.revision(r -> r.parents(parent));
        }
        List<ObjectId> loaded = new ArrayList<>();
        MemoryObjectSource source = archive.build();
        try (Stream<Revision> log = source.revisionLog(tip)) {
            assertThat(log.peek(r -> loaded.add(r.id())).limit(3).count()).isEqualTo(3);
        }
        assertThat(loaded).hasSize(3);
    }

    @Test
    void objectsAddedAsTheyAreAreServedUnchanged() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        Directory duplicated = new Directory(SOMEWHERE, List.of(
                new DirectoryEntry(Bytes.utf8("dup"), EntryType.FILE, 0100644, SOMEWHERE),
                new DirectoryEntry(Bytes.utf8("dup"), EntryType.FILE, 0100644, SOMEWHERE)),
                Optional.of(Bytes.utf8("tree 0\0")));
        archive.add(duplicated);
        assertThat(archive.build().directory(SOMEWHERE)).contains(duplicated);
    }

    @Test
    void misusingTheTreeBuilderFailsClearly() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        assertThatThrownBy(() -> archive.directory(t -> t.file("a", "1").file("a", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is given twice");
        assertThatThrownBy(() -> archive.directory(t -> t.file("a", "1").file("a/b", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> archive.directory(t -> t.file("a//b", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty name");
        assertThatThrownBy(() -> archive.release(r -> r.name("v1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a name and a target");
    }

    @Test
    void theBuiltSourceDoesNotChangeWhenTheBuilderGoesOn() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        MemoryObjectSource before = archive.build();
        ObjectId id = archive.content("later");
        assertThat(before.content(id)).isEmpty();
        assertThat(archive.build().content(id)).isPresent();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
