package org.swhvault.core.cook.flat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.core.cook.flat.FlatBundles.Member;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Flat bundles of a real git repository, extracted with {@code tar} and compared with what
 * {@code git archive} writes for the same tree or commit.
 */
class FlatCookerGitTest {
    @TempDir
    static Path tmp;
    static GitFixture git;
    static GitObjectSource source;
    static byte[] big;

    @BeforeAll
    static void buildRepository() {
        git = SampleRepositories.history(tmp.resolve("repo"));
        big = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(big);
        git.at(1_601_000_000L, "+0300");
        git.write("big/random.bin", big)
                .write("deep/a/b/c/d/e/leaf.txt", "deep\n")
                .write("order/a/inner", "inner\n")
                .write("order/a.txt", "a.txt\n")
                .write("order/a-b", "a-b\n")
                .write("order/A", "A\n")
                .writeExecutable("order/tool", "#!/bin/sh\n")
                .symlink("order/link-up", "../README")
                .write("empty-file", "");
        git.addAll();
        git.stage("100755", git.blob("group exec\n".getBytes(StandardCharsets.UTF_8)), bytes("order/exec-bit"));
        git.stage("100644", git.blob("not utf-8\n".getBytes(StandardCharsets.UTF_8)),
                new byte[] {'o', 'r', 'd', 'e', 'r', '/', (byte) 0xff, (byte) 0xfe, '.', 't', 'x', 't'});
        git.commit("Big, deep and ordered\n");
        git.repack();
        source = GitObjectSource.open(git.dir());
    }

    @AfterAll
    static void closeSource() {
        source.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "v0.1", "v1.0", ":/Octopus", ":/Odd names", ":/Second root"})
    void directoryExtractsLikeGitArchive(String commit) {
        String tree = git.revParse(git.revParse(commit) + "^{tree}");
        Path ours = extractDirectory(tree, "dir-" + tree);
        Path theirs = FlatBundles.extractTar(git.run(null, "archive", "--format=tar", tree), tmp, "git-" + tree);
        FlatBundles.assertSameTree(ours, theirs);
    }

    @Test
    void theSampleTreesHoldWhatTheTestsClaim() {
        String odd = git.git("ls-tree", "-r", ":/Odd names");
        assertThat(odd).contains("160000 commit").contains("120000 blob").contains("100755 blob")
                .contains("\"caf\\351.txt\"");
        String head = git.git("ls-tree", "-r", "-l", "HEAD");
        assertThat(head).contains(" 5242880\tbig/random.bin").contains("100755 blob")
                .contains("\"order/\\377\\376.txt\"");
    }

    @Test
    void gitlinksAreEmptyDirectoriesAsInGitArchive() {
        String tree = git.revParse(git.revParse(":/Odd names") + "^{tree}");
        Path ours = extractDirectory(tree, "gitlink-" + tree);
        Path submodule = ours.resolve("vendor/submodule");
        assertThat(submodule).isDirectory().isEmptyDirectory();
    }

    @Test
    void extractedTreesHashBackToTheRequestedIds() throws IOException {
        for (String expression : List.of("v0.1^{tree}", "v1.0^{tree}", "HEAD:deep", "HEAD:order", "HEAD:big")) {
            String tree = git.revParse(expression);
            Path ours = extractDirectory(tree, "id-" + tree);
            assertThat(FlatBundles.gitTreeId(ours, tmp, "id-" + tree)).as(expression).isEqualTo(tree);
            if (expression.equals("HEAD:big")) {
                assertThat(Files.readAllBytes(ours.resolve("random.bin"))).isEqualTo(big);
            }
        }
    }

    @Test
    void revisionHoldsOneDirectoryPerRevisionOfTheHistory() throws IOException {
        String head = git.revParse("HEAD");
        Swhid swhid = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(head));
        byte[] bundle = FlatBundles.cook(swhid, source);
        Path extracted = FlatBundles.extract(bundle, tmp, "rev-" + head);
        Path root = extracted.resolve(swhid.toString());
        List<String> names;
        try (Stream<Path> list = Files.list(root)) {
            names = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        List<String> revList = Arrays.stream(git.git("rev-list", "HEAD").split("\n")).sorted().toList();
        assertThat(revList).hasSizeGreaterThan(10);
        assertThat(names).isEqualTo(revList);
        for (String commit : revList) {
            Path theirs = FlatBundles.extractTar(git.run(null, "archive", "--format=tar", commit), tmp, "git-" + commit);
            FlatBundles.assertSameTree(root.resolve(commit), theirs);
        }
        List<String> revisionMembers = FlatBundles.members(bundle).stream().map(Member::name)
                .filter(n -> n.matches("swh:1:rev:[0-9a-f]{40}/[0-9a-f]{40}/")).toList();
        assertThat(revisionMembers).isSorted().hasSize(revList.size());
        FlatBundles.assertMembersStayUnder(FlatBundles.members(bundle), swhid.toString());
    }

    @Test
    void cookingTwiceGivesTheSameBytesWithFixedHeaders() {
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(git.revParse("HEAD^{tree}")));
        byte[] first = FlatBundles.cook(swhid, source);
        byte[] second = FlatBundles.cook(new FlatCooker(6, 1, 0), swhid, source,
                CookContext.silent());
        assertThat(second).isEqualTo(first);
        assertThat(Arrays.copyOfRange(first, 0, 3)).containsExactly(0x1f, 0x8b, 8);
        assertThat(Arrays.copyOfRange(first, 4, 8)).containsExactly(0, 0, 0, 0);
        List<Member> members = FlatBundles.members(first);
        FlatBundles.assertMembersStayUnder(members, swhid.toString());
        assertThat(members).allSatisfy(m -> {
            assertThat(m.uid()).isZero();
            assertThat(m.gid()).isZero();
            assertThat(m.mtime()).isEqualTo(946_684_800L);
            switch (m.type()) {
                case 'd' -> assertThat(m.mode()).isEqualTo(0755);
                case 'f' -> assertThat(m.mode()).isIn(0644, 0755);
                case 'l' -> assertThat(m.linkName()).isNotEmpty();
                default -> throw new AssertionError("unexpected member " + m);
            }
        });
        String root = swhid + "/";
        assertThat(members).filteredOn(m -> m.type() == 'f').extracting(Member::name, Member::mode).contains(
                tuple(root + "order/tool", 0755),
                tuple(root + "order/exec-bit", 0755),
                tuple(root + "order/a.txt", 0644));
        assertThat(members).filteredOn(m -> m.name().startsWith(root + "order/")).extracting(Member::name)
                .containsExactly(root + "order/", root + "order/A", root + "order/a/", root + "order/a/inner",
                        root + "order/a-b", root + "order/a.txt", root + "order/exec-bit", root + "order/link-up",
                        root + "order/tool", root + "order/\ufffd\ufffd.txt");
    }

    private static Path extractDirectory(String tree, String label) {
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(tree));
        byte[] bundle = FlatBundles.cook(swhid, source);
        FlatBundles.assertMembersStayUnder(FlatBundles.members(bundle), swhid.toString());
        Path extracted = FlatBundles.extract(bundle, tmp, label);
        assertThat(extracted.toFile().list()).containsExactly(swhid.toString());
        return extracted.resolve(swhid.toString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
