package org.swhvault.testing.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.swhvault.testing.process.Command;
import org.swhvault.testing.process.ProcessResult;
import org.swhvault.testing.process.Processes;

/**
 * A git repository driven through the real {@code git} binary, isolated from the user's and the
 * system's configuration as {@link IsolatedGit#isolate} describes (its {@code HOME} is the repository
 * directory), with deterministic dates. Tests build repositories with it and use git as the oracle for
 * what they read back. Every method blocks until git ends; a git failure is an {@link AssertionError}
 * whose message holds git's standard error.
 *
 * <p>Dates: every commit or annotated tag uses the current {@linkplain #at(long, String) date}, then
 * moves it one minute on, so a history is ordered by date unless a test says otherwise.
 */
public final class GitFixture {
    /** One object of the repository, as {@code git cat-file --batch-check} lists it. */
    public record GitObject(String id, String type, long size) {
    }

    /** One tree entry for {@link #mktree(List)}: mode, type and id as git writes them, raw name. */
    public record TreeEntry(String mode, String type, String id, byte[] name) {
        /** Makes an entry with a UTF-8 name. */
        public static TreeEntry of(String mode, String type, String id, String name) {
            return new TreeEntry(mode, type, id, name.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Path dir;
    private final boolean bare;
    private long seconds = 1_600_000_000L;
    private String offset = "+0000";

    private GitFixture(Path dir, boolean bare) {
        this.dir = dir;
        this.bare = bare;
    }

    /** Creates a repository with a working tree in {@code dir} (created if needed), branch {@code main}. */
    public static GitFixture init(Path dir) {
        return create(dir, false);
    }

    /** Creates a bare repository in {@code dir}, HEAD on {@code main}. */
    public static GitFixture initBare(Path dir) {
        return create(dir, true);
    }

    /** Wraps an existing repository (for example one made by {@code git clone}). */
    public static GitFixture open(Path dir, boolean bare) {
        return new GitFixture(dir, bare);
    }

    private static GitFixture create(Path dir, boolean bare) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitFixture fixture = new GitFixture(dir, bare);
        if (bare) {
            fixture.git("init", "-q", "--bare", "-b", "main");
        } else {
            fixture.git("init", "-q", "-b", "main");
        }
        fixture.git("config", "gc.auto", "0");
        fixture.git("config", "core.autocrlf", "false");
        return fixture;
    }

    /** Returns the repository directory (the working tree, or the bare repository). */
    public Path dir() {
        return dir;
    }

    /** Returns the git directory ({@code .git} or the bare repository). */
    public Path gitDir() {
        return bare ? dir : dir.resolve(".git");
    }

    /** Sets the date of the next commits and tags: seconds since the epoch and a time zone like {@code +0200}. */
    public GitFixture at(long seconds, String offset) {
        this.seconds = seconds;
        this.offset = offset;
        return this;
    }

    // ---- working tree ------------------------------------------------------------------------

    /** Writes a file (creating parent directories), UTF-8. */
    public GitFixture write(String path, String text) {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a file (creating parent directories). */
    public GitFixture write(String path, byte[] bytes) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes a file and makes it executable. */
    public GitFixture writeExecutable(String path, String text) {
        write(path, text);
        try {
            Path file = dir.resolve(path);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(file, perms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Creates a symbolic link at {@code path} pointing to {@code target}. */
    public GitFixture symlink(String path, String target) {
        try {
            Path link = dir.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stages every change of the working tree ({@code git add -A}). */
    public GitFixture addAll() {
        git("add", "-A");
        return this;
    }

    /** Stages an entry directly in the index (any name bytes, any mode git accepts, any id). */
    public GitFixture stage(String mode, String id, byte[] path) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes((mode + " " + id + "\t").getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(path);
        line.write(0);
        run(line.toByteArray(), "update-index", "--add", "-z", "--index-info");
        return this;
    }

    /** Stages every change, then commits on HEAD (and {@code extraParents}); returns the commit id. */
    public String commitAll(String message, String... extraParents) {
        addAll();
        return commit(message, extraParents);
    }

    /**
     * Commits the index on top of HEAD (if born) and the {@code extraParents}, moving the branch HEAD
     * names (or detached HEAD); the message is taken verbatim. Returns the commit id.
     */
    public String commit(String message, String... extraParents) {
        return commit(message.getBytes(StandardCharsets.UTF_8), extraParents);
    }

    /** Like {@link #commit(String, String...)} with a message given as bytes. */
    public String commit(byte[] message, String... extraParents) {
        String tree = git("write-tree");
        List<String> parents = new ArrayList<>();
        if (tryGit("rev-parse", "-q", "--verify", "HEAD^{commit}") != null) {
            parents.add(git("rev-parse", "HEAD"));
        }
        parents.addAll(List.of(extraParents));
        String commit = commitTree(tree, message, parents);
        git("update-ref", "HEAD", commit);
        return commit;
    }

    /** Runs {@code git commit-tree} with the current date; does not move any ref. */
    public String commitTree(String tree, byte[] message, List<String> parents, String... configs) {
        List<String> args = new ArrayList<>();
        for (String config : configs) {
            args.add("-c");
            args.add(config);
        }
        args.add("commit-tree");
        args.add(tree);
        for (String parent : parents) {
            args.add("-p");
            args.add(parent);
        }
        String id = text(run(message, args.toArray(String[]::new)));
        tick();
        return id;
    }

    // ---- refs and tags -----------------------------------------------------------------------

    /** Creates a lightweight tag. */
    public GitFixture lightweightTag(String name, String target) {
        git("tag", name, target);
        return this;
    }

    /** Creates an annotated tag with the current date; returns the tag object id. */
    public String annotatedTag(String name, String target, String message) {
        git("tag", "-a", "-m", message, name, target);
        tick();
        return git("rev-parse", "refs/tags/" + name);
    }

    /** Points {@code ref} (a full name, or HEAD) at an object. */
    public GitFixture updateRef(String ref, String id) {
        git("update-ref", "--no-deref", ref, id);
        return this;
    }

    /** Makes {@code ref} a symbolic ref to {@code target}. */
    public GitFixture symbolicRef(String ref, String target) {
        git("symbolic-ref", ref, target);
        return this;
    }

    /** Returns the id a revision expression names ({@code git rev-parse}). */
    public String revParse(String expression) {
        return git("rev-parse", expression);
    }

    // ---- objects -----------------------------------------------------------------------------

    /** Writes a blob; returns its id. */
    public String blob(byte[] bytes) {
        return text(run(bytes, "hash-object", "-w", "--stdin"));
    }

    /** Writes a tree with {@code git mktree} (which sorts and checks entries); returns its id. */
    public String mktree(List<TreeEntry> entries) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (TreeEntry e : entries) {
            in.writeBytes((e.mode() + " " + e.type() + " " + e.id() + "\t").getBytes(StandardCharsets.US_ASCII));
            in.writeBytes(e.name());
            in.write(0);
        }
        return text(run(in.toByteArray(), "mktree", "-z", "--missing"));
    }

    /** Writes any object body with {@code git hash-object --literally} (no checks at all); returns its id. */
    public String literal(String type, byte[] body) {
        return text(run(body, "hash-object", "--literally", "-t", type, "-w", "--stdin"));
    }

    /** Writes any object body given as text. */
    public String literal(String type, String body) {
        return literal(type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the id {@code git hash-object --literally} gives a body, without writing it. */
    public String hashLiterally(String type, byte[] body) {
        return text(run(body, "hash-object", "--literally", "-t", type, "--stdin"));
    }

    /** Returns an object's body ({@code git cat-file <type> <id>}). */
    public byte[] catFile(String type, String id) {
        return run(null, "cat-file", type, id);
    }

    /** Lists every object of the repository, reachable or not, loose or packed. */
    public List<GitObject> allObjects() {
        List<GitObject> objects = new ArrayList<>();
        for (String line : git("cat-file", "--batch-all-objects", "--batch-check").split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ");
            objects.add(new GitObject(parts[0], parts[1], Long.parseLong(parts[2])));
        }
        return objects;
    }

    /**
     * Packs every object, unreachable ones too, into one pack with deltas and removes the loose copies,
     * so that reads go through packs.
     */
    public GitFixture repack() {
        StringBuilder ids = new StringBuilder();
        for (GitObject o : allObjects()) {
            ids.append(o.id()).append('\n');
        }
        run(ids.toString().getBytes(StandardCharsets.US_ASCII), "pack-objects", "-q", "--window=50",
                gitDir().resolve("objects/pack/pack").toString());
        git("prune-packed");
        return this;
    }

    // ---- running git -------------------------------------------------------------------------

    /**
     * Runs git in the repository. Blocks until it ends.
     *
     * @param args git's arguments
     * @return the standard output without its final newline
     * @throws AssertionError if git fails; the message holds its standard error
     */
    public String git(String... args) {
        return text(run(null, args));
    }

    /**
     * Runs git, which may fail. Blocks until it ends.
     *
     * @param args git's arguments
     * @return the standard output without its final newline, or null if git exits with a non-zero status
     */
    public String tryGit(String... args) {
        ProcessResult r = command(null, args).attempt();
        return r.exitCode() == 0 ? text(r.stdout()) : null;
    }

    /**
     * Runs git with some standard input. Blocks until it ends.
     *
     * @param stdin what git reads, or null for nothing
     * @param args git's arguments
     * @return the standard output
     * @throws AssertionError if git fails; the message holds its standard error
     */
    public byte[] run(byte[] stdin, String... args) {
        return command(stdin, args).run().stdout();
    }

    private Command command(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("git");
        command.addAll(List.of(args));
        String date = "@" + seconds + " " + offset;
        Command c = Processes.command(command).in(dir).environment(env -> IsolatedGit.isolate(env, dir, date));
        return stdin == null ? c : c.stdin(stdin);
    }

    private void tick() {
        seconds += 60;
    }

    private static String text(byte[] stdout) {
        String s = new String(stdout, StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Returns the 20 raw bytes of a hex id. */
    public static byte[] raw(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
