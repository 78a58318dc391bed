package org.swhvault.core.cook.gitfast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;

/**
 * {@link SampleRepositories#history(Path)} continued on {@code main} with what a fast-import stream
 * gets wrong most easily: a file that becomes a directory and back, a gitlink that becomes a
 * directory, names with quotes and backslashes, a 5 MB blob, {@code +0530}, {@code -0000} and an
 * offset beyond {@code +1400}.
 */
final class GitfastSamples {
    /** The repository, and the commits tests look at by label. */
    record Sample(GitFixture git, String head, Map<String, String> commits) {
    }

    static final int BIG_BLOB_SIZE = 5 * 1024 * 1024;

    private GitfastSamples() {
    }

    static Sample history(Path dir) {
        GitFixture git = SampleRepositories.history(dir);
        Map<String, String> commits = new LinkedHashMap<>();
        // Paths are staged one by one: "git add -A" would drop the entries the sample staged by hand.
        git.at(1_600_800_000L, "+0530");
        git.write("thing", "a file\n");
        git.git("add", "thing");
        commits.put("+0530", git.commit("Add thing, in India\n"));

        delete(git, "thing");
        git.git("rm", "-q", "--cached", "thing");
        git.write("thing/inside", "now a directory\n");
        git.git("add", "thing/inside");
        git.git("rm", "-q", "--cached", "vendor/submodule");
        git.write("vendor/submodule/file", "the gitlink became a directory\n");
        git.git("add", "vendor/submodule/file");
        commits.put("file to directory", git.commit("thing becomes a directory\n"));

        delete(git, "thing");
        git.git("rm", "-r", "-q", "--cached", "thing");
        git.write("thing", "a file again\n");
        git.git("add", "thing");
        commits.put("directory to file", git.commit("thing is a file again\n"));

        git.write("quote\"d", "quote\n").write("back\\slash", "backslash\n").write("\"leading quote", "q\n");
        git.write("deep/er/still/file", "deep\n");
        git.git("add", "quote\"d", "back\\slash", "\"leading quote", "deep");
        git.git("update-index", "--chmod=+x", "deep/er/still/file");
        commits.put("quotes", git.commit("Quotes and backslashes\n"));

        byte[] big = new byte[BIG_BLOB_SIZE];
        new Random(42).nextBytes(big);
        git.write("big.bin", big);
        git.git("add", "big.bin");
        git.git("rm", "-q", "--cached", "docs");
        delete(git, "docs");
        git.symlink("docs", "src/app.c");
        git.git("add", "docs");
        commits.put("big blob", git.commit("A 5 MB blob, docs points elsewhere\n"));

        // git itself never writes -0000 or offsets beyond 1400, but accepts them in objects.
        String tree = git.git("write-tree");
        String body = "tree " + tree + "\nparent " + git.revParse("HEAD") + "\n"
                + "author A U Thor <author@example.org> 1600900000 -0000\n"
                + "committer C O Mitter <committer@example.org> 1600900060 +1500\n\nUnknown zone, zone beyond 1400\n";
        String zones = git.literal("commit", body.getBytes(StandardCharsets.UTF_8));
        git.updateRef("refs/heads/main", zones);
        commits.put("-0000 and +1500", zones);

        git.at(1_601_000_000L, "+0000");
        git.git("rm", "-q", "--cached", "big.bin");
        commits.put("remove big", git.commit("Remove the big blob\n"));
        return new Sample(git, git.revParse("main"), commits);
    }

    private static void delete(GitFixture git, String path) {
        Path p = git.dir().resolve(path);
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (var walk = Files.walk(p)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
