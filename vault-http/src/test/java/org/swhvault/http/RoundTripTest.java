package org.swhvault.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cook → poll → download → unpack with the real cookers found on the class path, checked against git:
 * the flat bundle extracts to what {@code git archive} gives, the git-bare bundle clones to the same
 * history, the gitfast stream imports back to the same commits.
 */
class RoundTripTest {
    @TempDir
    Path tmp;

    private TestRepo repo;
    private Cookers cookers;
    private Served served;

    @BeforeEach
    void start() throws Exception {
        repo = TestRepo.create(tmp);
        cookers = Cookers.discover();
        served = new Served(GitObjectSource.open(repo.dir), tmp.resolve("store"), cookers, new VaultListener() { },
                b -> { });
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private void assumeCooker(BundleType type) {
        assumeTrue(cookers.all().stream().map(Cooker::bundleType).anyMatch(type::equals),
                "no " + type + " cooker on the class path yet");
    }

    /** Requests, polls until done and downloads a bundle over HTTP; returns the file. */
    private Path cookAndDownload(BundleType type, Swhid swhid) throws Exception {
        String path = "/api/1/vault/" + type.apiName() + "/" + swhid + "/";
        Served.Answer posted = served.post(path);
        assertThat(posted.status()).as(posted.text()).isEqualTo(200);
        Served.Answer done = served.awaitFinal(path);
        assertThat(done.json().get("status").asText()).as(done.text()).isEqualTo("done");
        Served.Answer raw = served.get(done.json().get("fetch_url").asText().replaceFirst("^http://[^/]+", ""));
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.header("Content-Type")).isEqualTo(type.mediaType());
        Path file = tmp.resolve(raw.header("Content-Disposition").replaceAll(".*filename=\"([^\"]+)\".*", "$1"));
        Files.write(file, raw.body());
        return file;
    }

    private String sh(Path dir, String... command) {
        return Processes.check(dir, repo.home, command);
    }

    @Test
    void flatBundleOfADirectoryExtractsToWhatGitArchiveGives() throws Exception {
        assumeCooker(BundleType.FLAT);
        Path bundle = cookAndDownload(BundleType.FLAT, repo.tree);
        assertThat(bundle.getFileName().toString()).isEqualTo("swh_1_dir_" + repo.tree.id() + ".tar.gz");
        Path out = Files.createDirectories(tmp.resolve("out"));
        sh(out, "tar", "-xzf", bundle.toString());
        Path root = out.resolve(repo.tree.toString());
        assertThat(root).isDirectory();

        Path expected = Files.createDirectories(tmp.resolve("expected"));
        Path archive = tmp.resolve("expected.tar");
        repo.git("archive", "-o", archive.toString(), "HEAD");
        sh(expected, "tar", "-xf", archive.toString());
        sh(tmp, "diff", "-r", "--no-dereference", expected.toString(), root.toString());

        // modes and symlinks too: git hashes the extracted tree to the requested id
        Path index = tmp.resolve("index");
        String tree = Processes.check(root, repo.home, "env", "GIT_DIR=" + repo.dir.resolve(".git"),
                "GIT_INDEX_FILE=" + index, "GIT_WORK_TREE=" + root, "sh", "-c", "git add -A && git write-tree");
        assertThat(tree).isEqualTo(repo.tree.id().toString());
    }

    @Test
    void gitBareBundleOfTheSnapshotClonesToTheSameHistory() throws Exception {
        assumeCooker(BundleType.GIT_BARE);
        Swhid snapshot;
        try (GitObjectSource source = GitObjectSource.open(repo.dir)) {
            snapshot = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
        }
        Path bundle = cookAndDownload(BundleType.GIT_BARE, snapshot);
        assertThat(bundle.getFileName().toString()).isEqualTo("swh_1_snp_" + snapshot.id() + ".git.tar");
        Path out = Files.createDirectories(tmp.resolve("out"));
        sh(out, "tar", "-xf", bundle.toString());
        Path bare = out.resolve(snapshot + ".git");
        sh(bare, "git", "fsck", "--strict");
        sh(tmp, "git", "clone", "-q", bare.toString(), "clone");
        Path clone = tmp.resolve("clone");
        assertThat(sh(clone, "git", "rev-parse", "HEAD")).isEqualTo(repo.head.id().toString());
        assertThat(sh(clone, "git", "rev-parse", "v2")).isEqualTo(repo.release.id().toString());
        assertThat(sh(clone, "git", "log", "--format=%H %s")).isEqualTo(repo.git("log", "--format=%H %s"));
        sh(tmp, "diff", "-r", "--no-dereference", "-x", ".git", repo.dir.toString(), clone.toString());
    }

    @Test
    void gitfastBundleOfARevisionImportsBackToTheSameCommits() throws Exception {
        assumeCooker(BundleType.GITFAST);
        Path bundle = cookAndDownload(BundleType.GITFAST, repo.head);
        assertThat(bundle.getFileName().toString()).isEqualTo("swh_1_rev_" + repo.head.id() + ".gitfast.gz");
        Path imported = Files.createDirectories(tmp.resolve("imported"));
        sh(imported, "git", "init", "-q", ".");
        sh(imported, "sh", "-c", "gzip -dc '" + bundle + "' | git fast-import --quiet");
        String branch = sh(imported, "git", "for-each-ref", "--format=%(objectname)").lines()
                .filter(id -> id.equals(repo.head.id().toString())).findFirst().orElse("");
        assertThat(branch).as("a ref points at the original head commit").isEqualTo(repo.head.id().toString());
    }

    @Test
    void rangesOfARealBundleReassembleIt() throws Exception {
        assumeCooker(BundleType.FLAT);
        Path bundle = cookAndDownload(BundleType.FLAT, repo.firstTree);
        byte[] whole = Files.readAllBytes(bundle);
        String raw = "/api/1/vault/flat/" + repo.firstTree + "/raw/";
        int half = whole.length / 2;
        byte[] first = served.get(raw, "Range", "bytes=0-" + (half - 1)).body();
        byte[] second = served.get(raw, "Range", "bytes=" + half + "-").body();
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        assertThat(joined).isEqualTo(whole);
        assertThat(List.of(first.length, second.length)).containsExactly(half, whole.length - half);
    }
}
