package org.swhvault.core.identify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real {@code git} binary, isolated from the user's configuration, as a test oracle. */
final class Git {
    private final Path home;

    /** Uses {@code home} as HOME and for the repositories it creates. */
    Git(Path home) {
        this.home = home;
    }

    /** Runs git in {@code home} with {@code stdin} and returns its standard output, trimmed. */
    String run(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", home.toString());
        env.put("GIT_AUTHOR_NAME", "Test Author");
        env.put("GIT_AUTHOR_EMAIL", "author@example.org");
        env.put("GIT_AUTHOR_DATE", "1700000000 +0000");
        env.put("GIT_COMMITTER_NAME", "Test Committer");
        env.put("GIT_COMMITTER_EMAIL", "committer@example.org");
        env.put("GIT_COMMITTER_DATE", "1700000000 +0000");
        try {
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            }
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String run(String... args) {
        return run(new byte[0], args);
    }

    /**
     * Returns the tree id {@code git add -A && git write-tree} computes for {@code tree} (which must
     * hold no empty directory), with the repository kept outside the tree.
     */
    String writeTree(Path tree) {
        Path repo = home.resolve("repo-" + Integer.toUnsignedString(tree.hashCode()) + "-" + System.nanoTime());
        run("init", "-q", repo.toString());
        String gitDir = "--git-dir=" + repo.resolve(".git");
        String workTree = "--work-tree=" + tree;
        run(gitDir, workTree, "add", "-A");
        return run(gitDir, workTree, "write-tree");
    }

    /** Returns the blob id of {@code data}. */
    String hashObject(byte[] data) {
        return run(data, "hash-object", "--stdin");
    }

    /** Returns the id of the tree made of the given {@code git ls-tree}-style lines. */
    String mktree(String... lines) {
        String input = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        Path repo = home.resolve("mktree-repo");
        if (!repo.toFile().isDirectory()) {
            run("init", "-q", repo.toString());
        }
        return run(input.getBytes(StandardCharsets.UTF_8), "--git-dir=" + repo.resolve(".git"), "mktree",
                "--missing");
    }
}
