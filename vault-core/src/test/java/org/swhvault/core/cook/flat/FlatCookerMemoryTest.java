package org.swhvault.core.cook.flat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatBundles.Member;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Flat bundles of in-memory archives: what the archive cannot serve, missing objects, modes, order. */
class FlatCookerMemoryTest {
    private static final String HIDDEN = "This content is hidden.";
    private static final String ABSENT =
            "This content has not been retrieved in the Software Heritage archive due to its size.";
    private static final String MISSING = "This content is missing from the Software Heritage archive (or from "
            + "the mirror used while retrieving it).";
    private static final ObjectId NOWHERE = ObjectId.fromHex("0123456789abcdef0123456789abcdef01234567");

    @TempDir
    Path tmp;

    @Test
    void unavailableContentsHoldTheReferencePlaceholderTexts() throws IOException {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId hidden = archive.hiddenContent(bytes("secret"));
        ObjectId dir = archive.directory(t -> t.file("visible.txt", "visible\n")
                .hiddenFile("hidden.txt", "secret stuff")
                .absentFile("absent.bin", "a huge file")
                .missingFile("missing.txt", "never archived")
                .entry("hidden-tool", EntryType.FILE, 0100755, hidden)
                .entry("hidden-link", EntryType.FILE, 0120000, hidden));
        Path root = extract(Swhid.of(ObjectType.DIRECTORY, dir), archive.build());
        assertThat(root.resolve("visible.txt")).hasContent("visible\n");
        assertThat(Files.readAllBytes(root.resolve("hidden.txt"))).isEqualTo(bytes(HIDDEN));
        assertThat(Files.readAllBytes(root.resolve("absent.bin"))).isEqualTo(bytes(ABSENT));
        assertThat(Files.readAllBytes(root.resolve("missing.txt"))).isEqualTo(bytes(MISSING));
        assertThat(Files.readAllBytes(root.resolve("hidden-tool"))).isEqualTo(bytes(HIDDEN));
        assertThat(root.resolve("hidden-tool")).isExecutable();
        assertThat(Files.readSymbolicLink(root.resolve("hidden-link")).toString()).isEqualTo(HIDDEN);
    }

    @Test
    void contentListedVisibleWithoutBytesGetsTheAbsentText() throws IOException {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("gone.txt", "bytes lost by the mirror"));
        ForwardingObjectSource lost = new ForwardingObjectSource(archive.build()) {
            @Override
            public InputStream openContent(ObjectId id) {
                throw new VaultException(ErrorCode.CONTENT_UNAVAILABLE, "no bytes for " + id);
            }
        };
        Path root = extract(Swhid.of(ObjectType.DIRECTORY, dir), lost);
        assertThat(Files.readAllBytes(root.resolve("gone.txt"))).isEqualTo(bytes(ABSENT));
    }

    @Test
    void missingSubdirectoriesAndSubmodulesAreEmptyDirectories() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("kept.txt", "kept\n")
                .directory("lost", NOWHERE)
                .submodule("vendor/lib", NOWHERE));
        Path root = extract(Swhid.of(ObjectType.DIRECTORY, dir), archive.build());
        assertThat(root.resolve("lost")).isEmptyDirectory();
        assertThat(root.resolve("vendor/lib")).isEmptyDirectory();
        assertThat(root.resolve("kept.txt")).hasContent("kept\n");
    }

    @Test
    void missingRootIsNotFoundAndWritesNothing() {
        MemoryObjectSource empty = MemoryObjectSource.empty();
        for (ObjectType type : List.of(ObjectType.DIRECTORY, ObjectType.REVISION)) {
            Swhid swhid = Swhid.of(type, NOWHERE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> new FlatCooker().cook(swhid, empty, out, CookContext.silent()))
                    .isInstanceOf(VaultException.class).hasMessage(swhid + " was not found.")
                    .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
            assertThat(out.size()).isZero();
        }
    }

    @Test
    void otherObjectTypesAreRefused() {
        assertThatThrownBy(() -> FlatBundles.cook(Swhid.of(ObjectType.RELEASE, NOWHERE), MemoryObjectSource.empty()))
                .isInstanceOf(VaultException.class)
                .hasMessage("Only directories and revisions can be cooked as 'flat' bundles.")
                .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(new FlatCooker().objectTypes()).containsExactlyInAnyOrder(ObjectType.DIRECTORY, ObjectType.REVISION);
    }

    @Test
    void modesAreNormalisedToRegularExecutableOrLink() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId data = archive.content("data\n");
        ObjectId dir = archive.directory(t -> t.entry("g664", EntryType.FILE, 0100664, data)
                .entry("u600", EntryType.FILE, 0100600, data)
                .entry("u744", EntryType.FILE, 0100744, data)
                .entry("o001", EntryType.FILE, 0100641, data)
                .entry("x775", EntryType.FILE, 0100775, data)
                .entry("link", EntryType.FILE, 0120000, data));
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, dir);
        String r = swhid + "/";
        assertThat(FlatBundles.members(FlatBundles.cook(swhid, archive.build())))
                .extracting(Member::name, Member::type, Member::mode)
                .containsExactly(tuple(r, 'd', 0755), tuple(r + "g664", 'f', 0644), tuple(r + "link", 'l', 0777),
                        tuple(r + "o001", 'f', 0755), tuple(r + "u600", 'f', 0644), tuple(r + "u744", 'f', 0755),
                        tuple(r + "x775", 'f', 0755));
    }

    @Test
    void membersComeDepthFirstSortedByNameBytes() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("a.txt", "1").file("a/z", "2").file("a/b/c", "3")
                .file("a-b", "4").file("B", "5").file("a/b.txt", "6").emptyDirectory("a0"));
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, dir);
        String r = swhid + "/";
        assertThat(FlatBundles.members(FlatBundles.cook(swhid, archive.build()))).extracting(Member::name)
                .containsExactly(r, r + "B", r + "a/", r + "a/b/", r + "a/b/c", r + "a/b.txt", r + "a/z", r + "a-b",
                        r + "a.txt", r + "a0/");
    }

    @Test
    void longPathsCutAfterASlashInTheUstarFieldStayFiles() throws IOException {
        // "swh:1:dir:<40 hex>/" is 51 bytes: a 48-byte directory name puts a '/' at byte 100.
        String dirName = "d".repeat(48);
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file(dirName + "/file", "content\n"));
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, dir);
        assertThat((swhid + "/" + dirName + "/").length()).isEqualTo(100);
        assertThat(extract(swhid, archive.build()).resolve(dirName).resolve("file")).hasContent("content\n");
    }

    @Test
    void contentDeliveringAnotherLengthThanAnnouncedFailsTheCook() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId dir = archive.directory(t -> t.file("file", "twelve bytes"));
        for (long announced : new long[] {11, 13}) {
            ForwardingObjectSource lying = new ForwardingObjectSource(archive.build()) {
                @Override
                public Optional<Content> content(ObjectId id) {
                    return delegate.content(id).map(c -> new Content(id, announced, ContentStatus.VISIBLE));
                }
            };
            assertThatThrownBy(() -> FlatBundles.cook(Swhid.of(ObjectType.DIRECTORY, dir), lying))
                    .isInstanceOf(VaultException.class).hasMessageContaining("the " + announced + " bytes")
                    .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
        }
    }

    @Test
    void revisionsWithMissingRootsOrAncestorsAreWrittenWithWhatExists() throws IOException {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId first = archive.revision(r -> r.directory(NOWHERE));
        ObjectId second = archive.revision(r -> r.parents(first, NOWHERE).tree(t -> t.file("f", "second\n")));
        Swhid swhid = Swhid.of(ObjectType.REVISION, second);
        Path root = extract(swhid, archive.build());
        try (var list = Files.list(root)) {
            assertThat(list.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(first.toHex(), second.toHex());
        }
        assertThat(root.resolve(first.toHex())).isEmptyDirectory();
        assertThat(root.resolve(second.toHex()).resolve("f")).hasContent("second\n");
    }

    private Path extract(Swhid swhid, ObjectSource source) {
        byte[] bundle = FlatBundles.cook(swhid, source);
        FlatBundles.assertMembersStayUnder(FlatBundles.members(bundle), swhid.toString());
        return FlatBundles.extract(bundle, tmp, "x").resolve(swhid.toString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
