package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.ProcessResult;
import org.swhvault.testing.process.Processes;

/**
 * A git-bare bundle cooked for a test, extracted with the real {@code tar}, with the real {@code git}
 * to look at it (isolated from the user's configuration).
 */
final class Cooked {
    final byte[] bytes;
    final Path repo;
    final List<String> messages;

    private Cooked(byte[] bytes, Path repo, List<String> messages) {
        this.bytes = bytes;
        this.repo = repo;
        this.messages = messages;
    }

    /** Cooks {@code swhid} with a fresh default cooker and extracts the tar into {@code dir}. */
    static Cooked cook(Swhid swhid, ObjectSource source, Path dir) {
        return cook(new GitBareCooker(), swhid, source, dir);
    }

    /** Cooks {@code swhid} with {@code cooker} and extracts the tar into {@code dir}. */
    static Cooked cook(GitBareCooker cooker, Swhid swhid, ObjectSource source, Path dir) {
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        CookContext context = new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            cooker.cook(swhid, source, out, context);
            Files.createDirectories(dir);
            Path tar = dir.resolve("bundle.tar");
            Files.write(tar, out.toByteArray());
            Processes.run(dir, "tar", "-xf", "bundle.tar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Cooked(out.toByteArray(), dir.resolve(swhid + ".git"), List.copyOf(messages));
    }

    /** Runs git in the extracted repository; returns its trimmed output; fails if git fails. */
    String git(String... args) {
        return git(repo, args);
    }

    /** Runs git in the extracted repository, whatever its exit status. */
    ProcessResult tryGit(String... args) {
        return IsolatedGit.in(repo).command(args).attempt();
    }

    /** Runs git in {@code dir} with an isolated environment; returns its trimmed output; fails if git fails. */
    static String git(Path dir, String... args) {
        return IsolatedGit.in(dir).run(args);
    }

    /** Returns {@code refname → "objectname objecttype"} for every ref, as {@code git for-each-ref} lists them. */
    static Map<String, String> refs(Path repo) {
        Map<String, String> refs = new TreeMap<>();
        String out = git(repo, "for-each-ref", "--format=%(refname) %(objectname) %(objecttype)");
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                int space = line.indexOf(' ');
                refs.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return refs;
    }

    /** Returns the ids of every object of a repository, sorted. */
    static List<String> objectIds(Path repo) {
        String out = git(repo, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)");
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Returns {@code git cat-file --batch} of {@code ids}: type, size and bytes of each. */
    static byte[] catFileBatch(Path repo, List<String> ids) {
        byte[] input = (String.join("\n", ids) + "\n").getBytes(StandardCharsets.US_ASCII);
        return IsolatedGit.in(repo).command("cat-file", "--batch").stdin(input).run().stdout();
    }

    /** Returns the only file of {@code dir} whose name ends with {@code suffix}; fails if there is not exactly one. */
    static Path onlyFile(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one *" + suffix + " in " + dir + ", found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
