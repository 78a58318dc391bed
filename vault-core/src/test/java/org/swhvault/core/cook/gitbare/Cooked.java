package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.Swhid;

/**
 * A git-bare bundle cooked for a test, extracted with the real {@code tar}, with the real {@code git}
 * to look at it (isolated from the user's configuration).
 */
final class Cooked {
    /** What a git command left. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            String s = new String(stdout, StandardCharsets.UTF_8);
            return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        }
    }

    final byte[] bytes;
    final Path repo;
    final List<String> messages;

    private Cooked(byte[] bytes, Path repo, List<String> messages) {
        this.bytes = bytes;
        this.repo = repo;
        this.messages = messages;
    }

    /** Cooks {@code swhid} with a fresh cooker and extracts the tar into {@code dir}. */
    static Cooked cook(Swhid swhid, ObjectSource source, Path dir) {
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
            new GitBareCooker().cook(swhid, source, out, context);
            Files.createDirectories(dir);
            Path tar = dir.resolve("bundle.tar");
            Files.write(tar, out.toByteArray());
            Result untar = run(dir, null, "tar", "-xf", "bundle.tar");
            if (untar.exitCode() != 0) {
                throw new AssertionError("tar -xf failed: " + untar.stderr());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Cooked(out.toByteArray(), dir.resolve(swhid + ".git"), List.copyOf(messages));
    }

    /** Runs git in the extracted repository; fails if git fails. */
    String git(String... args) {
        Result r = tryGit(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + r.stderr());
        }
        return r.out();
    }

    /** Runs git in the extracted repository. */
    Result tryGit(String... args) {
        return git(repo, null, args);
    }

    /** Returns {@code refname → "objectname objecttype"} for every ref, as {@code git for-each-ref} lists them. */
    static Map<String, String> refs(Path repo) {
        Map<String, String> refs = new TreeMap<>();
        String out = git(repo, null, "for-each-ref", "--format=%(refname) %(objectname) %(objecttype)").out();
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
        String out = git(repo, null, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)").out();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Returns {@code git cat-file --batch} of {@code ids}: type, size and bytes of each. */
    static byte[] catFileBatch(Path repo, List<String> ids) {
        byte[] input = (String.join("\n", ids) + "\n").getBytes(StandardCharsets.US_ASCII);
        return git(repo, input, "cat-file", "--batch").stdout();
    }

    /** Runs git in {@code dir} with an isolated environment. */
    static Result git(Path dir, byte[] stdin, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        return run(dir, stdin, command);
    }

    private static Result run(Path dir, byte[] stdin, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", dir.toString());
        env.put("LC_ALL", "C");
        env.put("GIT_AUTHOR_NAME", "Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.org");
        env.put("GIT_AUTHOR_DATE", "1700000000 +0000");
        env.put("GIT_COMMITTER_NAME", "Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.org");
        env.put("GIT_COMMITTER_DATE", "1700000000 +0000");
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            int code = p.waitFor();
            return new Result(code, out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
