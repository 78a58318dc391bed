package org.swhvault.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.swhvault.testing.process.Command;
import org.swhvault.testing.process.Processes;

/**
 * The real {@code git} binary as a test oracle, isolated from the user's and the system's configuration,
 * with fixed identities and dates, so that what it computes is the same on every machine.
 *
 * <p>The isolation ({@link #isolate(Map, Path, String)}): every inherited {@code GIT_*} variable is
 * removed; {@code GIT_CONFIG_NOSYSTEM=1}, {@code GIT_CONFIG_GLOBAL=/dev/null}, {@code HOME} is a
 * directory of the test's, {@code LC_ALL=C}, {@code TZ=UTC}; author and committer are
 * {@value #AUTHOR_NAME} &lt;{@value #AUTHOR_EMAIL}&gt; and {@value #COMMITTER_NAME}
 * &lt;{@value #COMMITTER_EMAIL}&gt;, both dated as asked ({@value #DEFAULT_DATE} unless said otherwise).
 */
public final class IsolatedGit {
    /** The author name of every commit git makes. */
    public static final String AUTHOR_NAME = "Test Author";
    /** The author e-mail of every commit git makes. */
    public static final String AUTHOR_EMAIL = "author@example.org";
    /** The committer (and tagger) name. */
    public static final String COMMITTER_NAME = "Test Committer";
    /** The committer (and tagger) e-mail. */
    public static final String COMMITTER_EMAIL = "committer@example.org";
    /** The date of commits and tags unless a test sets another: seconds since the epoch and a time zone. */
    public static final String DEFAULT_DATE = "@1700000000 +0000";

    private final Path home;

    private IsolatedGit(Path home) {
        this.home = home;
    }

    /**
     * Runs git in {@code home}, which is also its {@code HOME} and where {@link #writeTree(Path)} and
     * {@link #mktree(String...)} keep their scratch repositories.
     *
     * @param home a directory of the test's, created if needed
     * @return the oracle
     * @throws UncheckedIOException if the directory cannot be created
     */
    public static IsolatedGit in(Path home) {
        try {
            return new IsolatedGit(Files.createDirectories(home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes an environment the isolated one described above. Leaves other variables alone.
     *
     * @param env the environment to change, such as {@link ProcessBuilder#environment()}
     * @param home the {@code HOME} directory git sees
     * @param date the author, committer and tagger date, as git reads {@code GIT_AUTHOR_DATE} (for example
     *     {@code "@1600000000 +0200"})
     */
    public static void isolate(Map<String, String> env, Path home, String date) {
        env.keySet().removeIf(name -> name.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", home.toString());
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        env.put("GIT_AUTHOR_NAME", AUTHOR_NAME);
        env.put("GIT_AUTHOR_EMAIL", AUTHOR_EMAIL);
        env.put("GIT_AUTHOR_DATE", date);
        env.put("GIT_COMMITTER_NAME", COMMITTER_NAME);
        env.put("GIT_COMMITTER_EMAIL", COMMITTER_EMAIL);
        env.put("GIT_COMMITTER_DATE", date);
    }

    /**
     * Returns the home directory.
     *
     * @return the directory git runs in and sees as {@code HOME}
     */
    public Path home() {
        return home;
    }

    /**
     * Describes {@code git <args>} run in the home directory with the isolated environment and
     * {@link #DEFAULT_DATE}; the caller may add standard input, variables (set after the isolation, so
     * they win), another working directory, then run it.
     *
     * @param args git's arguments
     * @return the command, not yet run
     */
    public Command command(String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("git");
        command.addAll(List.of(args));
        return Processes.command(command).in(home).environment(env -> isolate(env, home, DEFAULT_DATE));
    }

    /**
     * Runs git with empty standard input. Blocks until it ends.
     *
     * @param args git's arguments
     * @return the standard output, trimmed of leading and trailing white space
     * @throws AssertionError if git fails; the message holds its standard error
     */
    public String run(String... args) {
        return run(new byte[0], args);
    }

    /**
     * Runs git with the given standard input. Blocks until it ends.
     *
     * @param stdin what git reads
     * @param args git's arguments
     * @return the standard output, trimmed of leading and trailing white space
     * @throws AssertionError if git fails; the message holds its standard error
     */
    public String run(byte[] stdin, String... args) {
        return command(args).stdin(stdin).run().stdoutText().trim();
    }

    /**
     * Returns the tree id {@code git add -A && git write-tree} computes for a directory, with the
     * repository kept outside it. Git honours {@code .gitignore} files and leaves out empty directories.
     *
     * @param tree the directory
     * @return the hexadecimal tree id
     * @throws AssertionError if git fails
     */
    public String writeTree(Path tree) {
        Path repo = home.resolve("repo-" + Integer.toUnsignedString(tree.hashCode()) + "-" + System.nanoTime());
        run("init", "-q", repo.toString());
        String gitDir = "--git-dir=" + repo.resolve(".git");
        String workTree = "--work-tree=" + tree;
        run(gitDir, workTree, "add", "-A");
        return run(gitDir, workTree, "write-tree");
    }

    /**
     * Returns the blob id of some bytes ({@code git hash-object --stdin}).
     *
     * @param data the blob's bytes
     * @return the hexadecimal blob id
     * @throws AssertionError if git fails
     */
    public String hashObject(byte[] data) {
        return run(data, "hash-object", "--stdin");
    }

    /**
     * Returns the id of the tree made of {@code git ls-tree}-style lines ({@code git mktree --missing},
     * which sorts the entries and does not need the objects they name).
     *
     * @param lines entries such as {@code "100644 blob <id>\tname"}
     * @return the hexadecimal tree id
     * @throws AssertionError if git refuses an entry
     */
    public String mktree(String... lines) {
        String input = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        Path repo = home.resolve("mktree-repo");
        if (!Files.isDirectory(repo)) {
            run("init", "-q", repo.toString());
        }
        return run(input.getBytes(StandardCharsets.UTF_8), "--git-dir=" + repo.resolve(".git"), "mktree",
                "--missing");
    }
}
