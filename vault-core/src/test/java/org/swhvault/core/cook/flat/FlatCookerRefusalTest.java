package org.swhvault.core.cook.flat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Trees whose entry names would escape the bundle's root or plant a {@code .git} directory, written
 * with {@code git hash-object --literally} (or in memory when git's tree format cannot hold the name).
 */
class FlatCookerRefusalTest {
    @TempDir
    static Path tmp;
    static GitFixture git;
    static GitObjectSource source;
    static String blob;

    @BeforeAll
    static void createRepository() {
        git = GitFixture.initBare(tmp.resolve("repo.git"));
        blob = git.blob("payload\n".getBytes(StandardCharsets.UTF_8));
        source = GitObjectSource.open(git.dir());
    }

    @AfterAll
    static void closeSource() {
        source.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "..      | '..' (a name that means the directory itself or its parent)",
        ".       | '.' (a name that means the directory itself or its parent)",
        ".git    | '.git' (the name of git's own metadata directory)",
        ".GiT    | '.GiT' (the name of git's own metadata directory)",
        "a/b     | 'a/b' (a name containing '/')",
        "../../x | '../../x' (a name containing '/')",
        "''      | '' (an empty name)"})
    void unsafeNamesInGitTreesAreRefusedNamingTheEntryAndItsDirectory(String name, String shown) {
        String bad = git.literal("tree", SampleRepositories.treeBody(
                SampleRepositories.entry("100644", "fine", blob), SampleRepositories.entry("100644", name, blob)));
        String outer = git.literal("tree", SampleRepositories.treeBody(SampleRepositories.entry("40000", "sub", bad)));
        for (String tree : List.of(bad, outer)) {
            VaultException e = refusal(Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(tree)), source);
            assertThat(e.getMessage()).isEqualTo("Directory swh:1:dir:" + bad + " has an entry named " + shown
                    + ", which cannot be written safely to a bundle.");
        }
    }

    @Test
    void anEntryTwiceInOneDirectoryIsRefused() {
        // A symlink "a" to /tmp, then a directory "a" whose file tar would write through the link.
        String link = git.blob("/tmp".getBytes(StandardCharsets.UTF_8));
        String inner = git.literal("tree", SampleRepositories.treeBody(SampleRepositories.entry("100644", "evil", blob)));
        String tree = git.literal("tree", SampleRepositories.treeBody(SampleRepositories.entry("120000", "a", link),
                SampleRepositories.entry("40000", "a", inner)));
        VaultException e = refusal(Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(tree)), source);
        assertThat(e.getMessage()).isEqualTo("Directory swh:1:dir:" + tree
                + " has two entries named 'a', which cannot be written safely to a bundle.");
    }

    @Test
    void namesWithNulOrOddBytesAreRefusedAndShownEscaped() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId data = archive.content("x");
        Bytes nul = Bytes.of(new byte[] {'e', 'v', 0, 'l', (byte) 0xe9, '\n'});
        ObjectId bad = archive.directory(t -> t.entry(nul, EntryType.FILE, 0100644, data));
        ObjectId dotdotSlash = archive.directory(t -> t.entry(Bytes.utf8("../etc"), EntryType.DIR, 040000, bad));
        MemoryObjectSource memory = archive.build();
        assertThat(refusal(Swhid.of(ObjectType.DIRECTORY, bad), memory)).hasMessage("Directory swh:1:dir:" + bad
                + " has an entry named 'ev\\x00l\\xe9\\n' (a name containing a NUL byte), which cannot be written "
                + "safely to a bundle.");
        assertThat(refusal(Swhid.of(ObjectType.DIRECTORY, dotdotSlash), memory)).hasMessageContaining("'../etc'");
    }

    @Test
    void unsafeNamesInAnyRevisionOfAHistoryRefuseTheRevision() {
        String bad = git.literal("tree", SampleRepositories.treeBody(SampleRepositories.entry("100644", "..", blob)));
        String first = git.commitTree(bad, "bad\n".getBytes(StandardCharsets.UTF_8), List.of());
        String good = git.mktree(List.of(GitFixture.TreeEntry.of("100644", "blob", blob, "fine")));
        String second = git.commitTree(good, "good\n".getBytes(StandardCharsets.UTF_8), List.of(first));
        VaultException e = refusal(Swhid.of(ObjectType.REVISION, ObjectId.fromHex(second)), source);
        assertThat(e.getMessage()).startsWith("Directory swh:1:dir:" + bad + " has an entry named '..'");
    }

    /** Cooks, expects a CORRUPT_OBJECT refusal, and checks that whatever was written never leaves the root. */
    private static VaultException refusal(Swhid swhid, ObjectSource source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VaultException e = catchThrowableOfType(VaultException.class,
                () -> new FlatCooker().cook(swhid, source, out, CookContext.silent()));
        assertThat(e).as("cooking %s", swhid).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
        for (String name : readableMembers(out.toByteArray())) {
            assertThat(name).startsWith(swhid + "/").doesNotContain("/../").doesNotContain("/./")
                    .doesNotContain("/.git/").doesNotEndWith("/..");
        }
        return e;
    }

    /** The member names that can be read from a partial bundle, stopping where it was cut. */
    private static List<String> readableMembers(byte[] partial) {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(partial)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        } catch (IOException expected) {
            // The bundle of a failed cook is cut short.
        }
        return names;
    }
}
