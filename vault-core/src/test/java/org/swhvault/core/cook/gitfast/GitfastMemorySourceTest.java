package org.swhvault.core.cook.gitfast;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.io.SizeLimitedOutputStream;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cooks histories held by the in-memory source: placeholders, missing objects, failures, progress. */
class GitfastMemorySourceTest {
    @TempDir
    Path temp;

    @Test
    void unavailableContentsBecomeThePlaceholderTexts() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId first = b.revision(r -> r.tree(t -> t.file("ok", "fine\n").hiddenFile("hidden", "secret\n")
                .absentFile("absent", "huge\n").missingFile("missing", "gone\n")));
        ObjectId second = b.revision(r -> r.parents(first).tree(t -> t.file("ok", "fine\n").hiddenFile("hidden", "secret\n")
                .absentFile("absent", "huge\n").missingFile("missing", "gone\n").hiddenFile("hidden again", "secret\n")));
        Bundles.Cooked cooked = Bundles.cook(b.build(), second);
        GitFixture git = cooked.importInto(temp);

        assertThat(show(git, "hidden")).isEqualTo("This content is hidden.");
        assertThat(show(git, "hidden again")).isEqualTo("This content is hidden.");
        assertThat(show(git, "absent"))
                .isEqualTo("This content has not been retrieved in the Software Heritage archive due to its size.");
        assertThat(show(git, "missing")).isEqualTo("This content is missing from the Software Heritage archive "
                + "(or from the mirror used while retrieving it).");
        assertThat(show(git, "ok")).isEqualTo("fine\n");
        assertThat(cooked.report().lossyRevisions()).isEqualTo(2);
        assertThat(cooked.report().revisionsByReason()).containsExactlyInAnyOrderEntriesOf(
                Map.of(LossReason.UNAVAILABLE_CONTENT, 2L, LossReason.LOSSY_PARENT, 1L));
    }

    @Test
    void historyWithoutLossKeepsEveryIdAndSaysSo() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId first = b.revision(r -> r.tree(t -> t.file("a/b/c", "c\n").symlink("link", "a/b/c")));
        ObjectId second = b.revision(r -> r.parents(first).author("Zoé <z@example.org>", 1_700_000_000L, "-0330")
                .tree(t -> t.file("a", "a is a file now\n").submodule("link", first).executable("x", "x\n")));
        ObjectId third = b.revision(r -> r.parents(second).tree(t -> t.file("a/b/c", "c\n").file("link", "link\n")));
        Bundles.Cooked cooked = Bundles.cook(b.build(), third);
        GitFixture git = cooked.importInto(temp);

        assertThat(git.git("rev-list", "refs/heads/master")).isEqualTo(
                third.toHex() + "\n" + second.toHex() + "\n" + first.toHex());
        assertThat(cooked.report().exact()).isTrue();
        assertThat(cooked.report().summary()).isEqualTo("3 revisions written; git fast-import gives each its original id.");
    }

    @Test
    void emptyAndMissingDirectoriesAndFractionalSecondsAreReported() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId missingDirectory = ObjectId.fromHex("1".repeat(40));
        ObjectId head = b.revision(r -> r.author(new Person(Bytes.utf8("A <a>")),
                        Optional.of(new Timestamp(5, 250_000, Bytes.utf8("+0000"))))
                .tree(t -> t.file("kept", "kept\n").emptyDirectory("empty").directory("gone", missingDirectory)));
        Bundles.Cooked cooked = Bundles.cook(b.build(), head);
        GitFixture git = cooked.importInto(temp);

        assertThat(git.git("ls-tree", "--name-only", "refs/heads/master")).isEqualTo("kept");
        assertThat(cooked.report().revisionsByReason()).containsOnlyKeys(LossReason.EMPTY_DIRECTORY,
                LossReason.MISSING_DIRECTORY, LossReason.DATE);
    }

    @Test
    void missingFirstParentLeavesTheOthersAndKeepsTheTree() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId a = b.revision(r -> r.tree(t -> t.file("a", "a\n").file("shared/x", "1\n")));
        ObjectId other = b.revision(r -> r.tree(t -> t.file("b", "b\n")));
        ObjectId gone = ObjectId.fromHex("9".repeat(40));
        ObjectId merge = b.revision(r -> r.parents(gone, a, other)
                .tree(t -> t.file("b", "b\n").file("shared/x", "2\n").file("shared/y", "y\n")));
        MemoryObjectSource source = b.build();
        Bundles.Cooked cooked = Bundles.cook(source, merge);
        GitFixture git = cooked.importInto(temp);

        assertThat(git.git("log", "-1", "--format=%P", "refs/heads/master")).isEqualTo(a.toHex() + " " + other.toHex());
        assertThat(git.revParse("refs/heads/master^{tree}"))
                .isEqualTo(source.revision(merge).orElseThrow().directory().toHex());
        assertThat(cooked.report().revisionsByReason()).containsOnlyKeys(LossReason.MISSING_PARENT);
    }

    @Test
    void missingHeadIsNotFound() {
        ObjectId id = ObjectId.fromHex("ab".repeat(20));
        assertThatThrownBy(() -> Bundles.cook(MemoryObjectSource.empty(), id))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
                .hasMessage("swh:1:rev:" + id.toHex() + " was not found.");
    }

    @Test
    void onlyRevisionsAreAccepted() {
        ObjectId dir = MemoryObjectSource.builder().directory(t -> t.file("f", "f\n"));
        assertThatThrownBy(() -> new GitfastCooker().cook(Swhid.of(ObjectType.DIRECTORY, dir),
                MemoryObjectSource.empty(), new ByteArrayOutputStream(), CookContext.silent()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThat(new GitfastCooker().objectTypes()).containsExactly(ObjectType.REVISION);
    }

    @Test
    void qualifiersAreIgnored() throws Exception {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId head = b.revision(r -> r.tree(t -> t.file("f", "f\n")));
        MemoryObjectSource source = b.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GitfastCooker().cook(Swhid.parse("swh:1:rev:" + head.toHex() + ";origin=https://example.org/r.git"),
                source, out, CookContext.silent());
        assertThat(out.toByteArray()).isEqualTo(Bundles.cook(source, head).gzip());
    }

    @Test
    void unsafeEntryNamesRefuseTheCook() {
        for (byte[] name : List.of("..".getBytes(StandardCharsets.UTF_8), ".".getBytes(StandardCharsets.UTF_8),
                ".git".getBytes(StandardCharsets.UTF_8), "a/b".getBytes(StandardCharsets.UTF_8), new byte[] {'n', 0},
                new byte[0])) {
            MemorySourceBuilder b = MemoryObjectSource.builder();
            ObjectId blob = b.content("x\n");
            ObjectId head = b.revision(r -> r.tree(t -> t.directory("sub",
                    s -> s.entry(Bytes.of(name), EntryType.FILE, 0100644, blob))));
            assertThatThrownBy(() -> Bundles.cook(b.build(), head))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessageContaining("swh:1:dir:")
                    .hasMessageContaining(name.length == 2 && name[1] == 0 ? "'n\\x00'" : "'" + new String(name,
                            StandardCharsets.UTF_8) + "'");
        }
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId head = b.revision(r -> r.tree(t -> t.file(".gitignore", "x\n").file("..x", "y\n").file(".github", "z\n")));
        assertThat(Bundles.cook(b.build(), head).report().exact()).isTrue();
    }

    @Test
    void contentLongerOrShorterThanRecordedIsCorrupt() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        byte[] bytes = "twelve bytes".getBytes(StandardCharsets.US_ASCII);
        ObjectId blob = b.content(bytes);
        ObjectId head = b.revision(r -> r.tree(t -> t.file("f", bytes)));
        MemoryObjectSource source = b.build();
        for (long recorded : List.of(11L, 13L)) {
            ObjectSource lying = new ForwardingObjectSource(source) {
                @Override
                public Optional<Content> content(ObjectId id) {
                    return delegate.content(id).map(c -> new Content(id, recorded, c.status()));
                }
            };
            assertThatThrownBy(() -> Bundles.cook(lying, head))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                    .hasMessageContaining("swh:1:cnt:" + blob.toHex())
                    .hasMessageContaining(recorded + " bytes");
        }
    }

    @Test
    void progressCountsRevisionsAndEndsWithTheSummary() throws Exception {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId one = b.revision(r -> r.tree(t -> t.file("f", "1\n")));
        ObjectId two = b.revision(r -> r.parents(one).tree(t -> t.file("f", "2\n")).noMessage());
        ObjectId three = b.revision(r -> r.parents(two).tree(t -> t.file("f", "3\n")));
        List<String> messages = new ArrayList<>();
        CookContext context = new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
                messages.add(message + " [" + done + "/" + total + "]");
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        GitfastReport report = new GitfastCooker().cookAndReport(Swhid.of(ObjectType.REVISION, three), b.build(),
                new ByteArrayOutputStream(), context);
        assertThat(messages).containsSubsequence("Writing revision 1 of 3 [0/3]", "Writing revision 2 of 3 [1/3]",
                "Writing revision 3 of 3 [2/3]");
        assertThat(messages.get(messages.size() - 1)).isEqualTo("3 revisions written; 2 will get another id when "
                + "imported (it has no message at all: 1, a parent cannot be re-created with its id: 1). [3/3]");
        assertThat(report.lossyRevisions()).isEqualTo(2);
    }

    @Test
    void cancellationStopsTheCook() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId one = b.revision(r -> r.tree(t -> t.file("f", "1\n")));
        ObjectId two = b.revision(r -> r.parents(one).tree(t -> t.file("f", "2\n")));
        List<String> seen = new ArrayList<>();
        CookContext cancelAfterFirst = new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
                seen.add(message);
            }

            @Override
            public boolean isCancelled() {
                return seen.contains("Writing revision 1 of 2");
            }
        };
        assertThatThrownBy(() -> new GitfastCooker().cook(Swhid.of(ObjectType.REVISION, two), b.build(),
                new ByteArrayOutputStream(), cancelAfterFirst))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(seen).doesNotContain("Writing revision 2 of 2");
    }

    @Test
    void sizeLimitFailureReachesTheCaller() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        byte[] noise = new byte[1 << 20];
        new java.util.Random(7).nextBytes(noise);
        ObjectId head = b.revision(r -> r.tree(t -> t.file("noise", noise)));
        OutputStream limited = new SizeLimitedOutputStream(new ByteArrayOutputStream(), 1000);
        assertThatThrownBy(() -> new GitfastCooker().cook(Swhid.of(ObjectType.REVISION, head), b.build(), limited,
                CookContext.silent()))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BUNDLE_TOO_LARGE))
                .hasMessageContaining("exceeds the maximum allowed size of 1000 bytes");
    }

    @Test
    void providerIsFoundByServiceLoader() {
        assertThat(org.swhvault.core.cook.Cookers.discover().forObject(org.swhvault.spi.cook.BundleType.GITFAST,
                ObjectType.REVISION)).isInstanceOf(GitfastCooker.class);
    }

    private static String show(GitFixture git, String path) {
        return new String(git.run(null, "cat-file", "blob", "refs/heads/master:" + path), StandardCharsets.UTF_8);
    }
}
