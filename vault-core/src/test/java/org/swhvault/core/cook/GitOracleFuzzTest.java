package org.swhvault.core.cook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.cook.gitfast.GitfastReport;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GeneratedRepositories;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.ProcessResult;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundle type, cooked from varied repositories made by the real git ({@link GeneratedRepositories},
 * one per seed), checked against git itself: a flat bundle extracts to what {@code git archive} of the same
 * tree extracts to; {@code git fast-import} of a gitfast bundle gives back every commit id the cooker's
 * report promises, and only the commits with headers fast-import cannot write lose theirs; a git-bare
 * bundle passes {@code git fsck --strict} as far as the original does, with the original's refs and
 * exactly the objects git lists as reachable, byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOracleFuzzTest {
    @TempDir
    static Path tmp;
    private final Map<Long, Repo> repos = new HashMap<>();

    private record Repo(long seed, GitFixture git, GitObjectSource source, GeneratedRepositories.Varied varied,
            List<String> fsck) {
    }

    /** Seeds 1 to 20, or the range the system property {@code gitOracleSeeds} names ({@code 21-200}) to look further. */
    static LongStream seeds() {
        String[] range = System.getProperty("gitOracleSeeds", "1-20").split("-");
        return LongStream.rangeClosed(Long.parseLong(range[0]), Long.parseLong(range[1]));
    }

    @AfterAll
    void close() {
        repos.values().forEach(r -> r.source().close());
    }

    private Repo repo(long seed) {
        return repos.computeIfAbsent(seed, s -> {
            GitFixture git = GitFixture.init(tmp.resolve("repo-" + s));
            GeneratedRepositories.Varied varied = GeneratedRepositories.varied(git, s);
            if (s % 2 == 0) {
                // Half the seeds read through a pack, the other half through loose objects.
                git.repack();
            }
            return new Repo(s, git, GitObjectSource.open(git.dir()), varied, fsck(git.dir()));
        });
    }

    // ---- flat ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void flatBundlesExtractToWhatGitArchiveExtractsTo(long seed) {
        Repo repo = repo(seed);
        List<String> trees = new ArrayList<>();
        trees.add(repo.git().revParse("HEAD^{tree}"));
        List<String> subtrees = lines(repo.git().git("ls-tree", "-r", "-d", "--format=%(objecttype) %(objectname)",
                "HEAD")).stream().filter(l -> l.startsWith("tree ")).map(l -> l.substring(5)).toList();
        if (!subtrees.isEmpty()) {
            trees.add(subtrees.get((int) (seed % subtrees.size())));
        }
        for (String tree : trees) {
            Swhid swhid = Swhid.parse("swh:1:dir:" + tree);
            Path ours = untar(cook(new FlatCooker(), swhid, repo), "-xzf", "flat-" + seed + "-" + tree);
            Path git = untar(repo.git().run(null, "archive", "--format=tar", tree), "-xf",
                    "archive-" + seed + "-" + tree);
            Path root = ours.resolve(swhid.toString());
            assertThat(listing(root)).as("seed %d, tree %s", seed, tree).isEqualTo(listing(git));
            Processes.run(tmp, "diff", "-r", "--no-dereference", root.toString(), git.toString());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFlatBundleOfARevisionHoldsWhatGitArchiveGivesForEachCommitOfItsHistory(long seed) {
        Repo repo = repo(seed);
        String rev = repo.varied().merges().get(0);
        Swhid swhid = Swhid.parse("swh:1:rev:" + rev);
        Path ours = untar(cook(new FlatCooker(), swhid, repo), "-xzf", "flat-" + seed + "-" + rev);
        Path theirs = tmp.resolve("archive-" + seed + "-" + rev);
        // One shell for the whole history: git archive of each commit's tree (of the tree: git archive of a
        // commit dated before 1970 writes an mtime tar refuses), extracted into a directory named by its id.
        Processes.command("sh", "-c", "set -e; mkdir \"$2\"; for c in $(git -C \"$1\" rev-list \"$3\"); do"
                + " mkdir \"$2/$c\"; git -C \"$1\" archive \"$c^{tree}\" | tar -xf - -C \"$2/$c\"; done",
                "sh", repo.git().dir().toString(), theirs.toString(), rev)
                .environment(env -> IsolatedGit.isolate(env, tmp, IsolatedGit.DEFAULT_DATE)).run();
        Path root = ours.resolve(swhid.toString());
        assertThat(listing(root)).as("seed %d, revision %s", seed, rev).isEqualTo(listing(theirs));
        Processes.run(tmp, "diff", "-r", "--no-dereference", root.toString(), theirs.toString());
    }

    /** {@code find}'s view of a tree: type, execute bit, raw path and link target, sorted. */
    private static List<String> listing(Path root) {
        String out = new String(Processes.run(root, "find", ".", "-mindepth", "1", "-printf", "%y %m %p -> %l\\0"),
                StandardCharsets.ISO_8859_1);
        List<String> nodes = new ArrayList<>();
        for (String node : out.split("\0")) {
            if (!node.isEmpty()) {
                String[] head = node.split(" ", 3);
                boolean exec = head[0].equals("f") && (Integer.parseInt(head[1], 8) & 0100) != 0;
                nodes.add(head[0] + (exec ? "x " : "  ") + head[2]);
            }
        }
        nodes.sort(null);
        return nodes;
    }

    // ---- gitfast ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gitfastImportGivesBackEveryCommitIdExceptThoseWithUnwritableHeaders(long seed) throws IOException {
        Repo repo = repo(seed);
        for (String rev : List.of(repo.varied().head(), repo.varied().merges().get(0))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GitfastReport report = new GitfastCooker().cookAndReport(Swhid.parse("swh:1:rev:" + rev), repo.source(),
                    out, CookContext.silent());
            Path imported = tmp.resolve("fast-" + seed + "-" + rev);
            IsolatedGit.in(tmp).run("init", "-q", "--bare", imported.toString());
            IsolatedGit.in(imported).command("fast-import", "--quiet")
                    .stdin(new GZIPInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes()).run();

            // The commits that cannot keep their id, and every commit that descends from one.
            List<String> original = new ArrayList<>();
            Set<String> lossy = new HashSet<>();
            List<String> graph = lines(repo.git().git("rev-list", "--topo-order", "--reverse", "--parents", rev));
            for (String line : graph) {
                List<String> ids = List.of(line.split(" "));
                original.add(0, ids.get(0));
                if (repo.varied().unwritable().contains(ids.get(0))
                        || ids.subList(1, ids.size()).stream().anyMatch(lossy::contains)) {
                    lossy.add(ids.get(0));
                }
            }
            List<String> back = lines(IsolatedGit.in(imported).run("rev-list", "--topo-order", "refs/heads/master"));
            String what = "seed " + seed + ", revision " + rev;
            assertThat(back).as(what).hasSameSizeAs(original);
            Set<String> kept = new TreeSet<>(back);
            kept.retainAll(original);
            assertThat(kept).as(what).isEqualTo(new TreeSet<>(original.stream().filter(c -> !lossy.contains(c)).toList()));
            assertThat(report.revisions()).as(what).isEqualTo(original.size());
            assertThat(report.lossyRevisions()).as(what).isEqualTo(lossy.size());
            // Commits that lose their id keep their names, encoding and message; the others keep every byte.
            List<byte[]> ours = bodies(imported, back);
            List<byte[]> theirs = bodies(repo.git().dir(), original);
            for (int i = 0; i < original.size(); i++) {
                boolean lost = lossy.contains(original.get(i));
                assertThat(commitWithout(ours.get(i), lost)).as(what).isEqualTo(commitWithout(theirs.get(i), lost));
            }
            // The bytes are compared above; what git may find odd in them (dates, NUL bytes) is the original's.
            assertThat(IsolatedGit.in(imported).command("fsck", "--connectivity-only", "--no-dangling").attempt()
                    .exitCode()).as(what).isZero();
        }
    }

    /** A commit without its parents and extra headers; if lossy, also without its tree and dates. */
    private static String commitWithout(byte[] commit, boolean lossy) {
        String text = new String(commit, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        StringBuilder kept = new StringBuilder();
        for (String header : text.substring(0, end).replaceAll("\n ", " ").split("\n")) {
            if (header.startsWith("author ") || header.startsWith("committer ")) {
                kept.append(lossy ? header.substring(0, header.lastIndexOf('>') + 1) : header).append('\n');
            } else if (header.startsWith("encoding ") || header.startsWith("tree ") && !lossy) {
                kept.append(header).append('\n');
            }
        }
        return kept + text.substring(end);
    }

    // ---- git-bare --------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gitBareBundlesHoldTheOriginalRefsAndReachableObjects(long seed) {
        Repo repo = repo(seed);
        GitFixture git = repo.git();
        GitBareCooker cooker = seed % 3 == 0
                ? new GitBareCooker(null, 0, GitBareCooker.DEFAULT_LEVEL, false) : new GitBareCooker();
        GeneratedRepositories.Varied v = repo.varied();

        Path rev = bare(cooker, Swhid.parse("swh:1:rev:" + v.head()), repo);
        assertThat(refs(rev)).containsExactly("refs/heads/master " + v.head() + " commit");
        assertThat(IsolatedGit.in(rev).run("symbolic-ref", "HEAD")).isEqualTo("refs/heads/master");
        assertSameObjects(rev, repo, v.head());

        for (String tag : List.of(v.release(), v.tagOfTag())) {
            Path rel = bare(cooker, Swhid.parse("swh:1:rel:" + tag), repo);
            String name = new String(git.catFile("tag", tag), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("tag ")).findFirst().orElseThrow().substring(4);
            assertThat(refs(rel)).containsExactly("refs/heads/master " + git.revParse(tag + "^{commit}") + " commit",
                    "refs/tags/" + name + " " + tag + " tag");
            assertSameObjects(rel, repo, tag);
        }
        for (String name : List.of("tree", "blob")) {
            String tag = git.tryGit("rev-parse", "-q", "--verify", "refs/tags/" + name);
            if (tag != null) {
                Path rel = bare(cooker, Swhid.parse("swh:1:rel:" + tag), repo);
                assertThat(refs(rel)).containsExactly("refs/tags/" + name + " " + tag + " tag");
                assertSameObjects(rel, repo, tag);
            }
        }

        Swhid snp = Swhid.of(ObjectType.SNAPSHOT, repo.source().currentSnapshot().id());
        Path all = bare(cooker, snp, repo);
        assertThat(refs(all)).isEqualTo(refs(git.dir()));
        assertThat(IsolatedGit.in(all).run("symbolic-ref", "HEAD")).isEqualTo(git.git("symbolic-ref", "HEAD"));
        if (git.tryGit("symbolic-ref", "-q", "refs/heads/alias") != null) {
            assertThat(IsolatedGit.in(all).run("symbolic-ref", "refs/heads/alias")).isEqualTo("refs/heads/side");
        }
        assertSameObjects(all, repo, "--all");
    }

    private Path bare(Cooker cooker, Swhid swhid, Repo repo) {
        Path dir = untar(cook(cooker, swhid, repo), "-xf", "bare-" + repo.seed() + "-" + swhid.id().toHex()
                + "-" + swhid.type().tag());
        Path bundle = dir.resolve(swhid + ".git");
        assertFsckNoWorseThanTheOriginal(bundle, repo);
        return bundle;
    }

    private static void assertFsckNoWorseThanTheOriginal(Path bundle, Repo repo) {
        Set<String> tolerated = new HashSet<>(repo.fsck());
        // A release of a tree or a blob has no master for HEAD, which fsck notices; refs are checked apart.
        assertThat(fsck(bundle)).as("seed %d: fsck of %s", repo.seed(), bundle.getFileName())
                .filteredOn(l -> !l.startsWith("notice: HEAD points to an unborn branch")).allMatch(tolerated::contains);
    }

    private static List<String> fsck(Path dir) {
        ProcessResult r = IsolatedGit.in(dir).command("fsck", "--full", "--strict", "--no-dangling").attempt();
        List<String> out = new ArrayList<>(lines(r.stdoutText()));
        out.addAll(lines(r.stderrText()));
        return out;
    }

    private static void assertSameObjects(Path bundle, Repo repo, String... tips) {
        List<String> args = new ArrayList<>(List.of("rev-list", "--objects", "--no-object-names"));
        args.addAll(List.of(tips));
        TreeSet<String> expected = new TreeSet<>(lines(repo.git().git(args.toArray(String[]::new))));
        List<String> actual = lines(IsolatedGit.in(bundle).run("cat-file", "--batch-all-objects",
                "--batch-check=%(objectname)"));
        assertThat(actual).as("seed %d: objects of %s", repo.seed(), bundle.getFileName())
                .containsExactlyElementsOf(expected);
        byte[] ids = (String.join("\n", actual) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(IsolatedGit.in(bundle).command("cat-file", "--batch").stdin(ids).run().stdout())
                .isEqualTo(repo.git().run(ids, "cat-file", "--batch"));
    }

    /** Returns the bodies of objects, in order, read by one {@code git cat-file --batch}. */
    private static List<byte[]> bodies(Path repo, List<String> ids) {
        byte[] out = IsolatedGit.in(repo).command("cat-file", "--batch")
                .stdin((String.join("\n", ids) + "\n").getBytes(StandardCharsets.US_ASCII)).run().stdout();
        List<byte[]> bodies = new ArrayList<>();
        int at = 0;
        while (at < out.length) {
            int eol = at;
            while (out[eol] != '\n') {
                eol++;
            }
            String[] head = new String(out, at, eol - at, StandardCharsets.US_ASCII).split(" ");
            int size = Integer.parseInt(head[2]);
            bodies.add(java.util.Arrays.copyOfRange(out, eol + 1, eol + 1 + size));
            at = eol + 1 + size + 1;
        }
        return bodies;
    }

    private static List<String> refs(Path repo) {
        return lines(IsolatedGit.in(repo).run("for-each-ref", "--format=%(refname) %(objectname) %(objecttype)"));
    }

    // ---- shared ----------------------------------------------------------------------------------

    private static byte[] cook(Cooker cooker, Swhid swhid, Repo repo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            cooker.cook(swhid, repo.source(), out, CookContext.silent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path untar(byte[] archive, String mode, String label) {
        try {
            Path dir = Files.createDirectories(tmp.resolve(label));
            Path file = tmp.resolve(label + ".tar");
            Files.write(file, archive);
            Processes.run(dir, "tar", mode, file.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
