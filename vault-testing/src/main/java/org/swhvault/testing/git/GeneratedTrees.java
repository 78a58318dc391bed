package org.swhvault.testing.git;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Trees too deep or too wide to write by hand, made by the real git in one run each: the inputs that
 * find recursion and whole-tree buffering in readers and cookers.
 */
public final class GeneratedTrees {
    private GeneratedTrees() {
    }

    /**
     * Writes, with {@code git fast-import}, one commit on {@code refs/heads/main} whose only file
     * {@code f} lies under {@code depth} nested directories named {@code d}. Blocks until git ends.
     *
     * @param git the repository
     * @param depth how many directories deep the file is, at least 1
     * @return the commit id
     */
    public static String deepCommit(GitFixture git, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        String path = "d/".repeat(depth) + "f";
        String stream = "commit refs/heads/main\n"
                + "committer Deep Tree <deep@example.org> 1700000000 +0000\n"
                + "data 5\ndeep\n\n"
                + "M 100644 inline " + path + "\n"
                + "data 6\nbottom\n\n";
        git.run(stream.getBytes(StandardCharsets.US_ASCII), "fast-import", "--quiet");
        return git.revParse("refs/heads/main");
    }

    /**
     * Writes one tree of {@code entries} regular files that all hold the same blob, named
     * {@code f0000000}, {@code f0000001}, … (seven digits or more, so that up to ten million names sort
     * as numbers). The body is laid out here in git's order and written with {@code git hash-object -t tree}
     * (not {@code --literally}), which checks it: {@code git mktree} takes 20 s for a million entries.
     * Blocks until git ends.
     *
     * @param git the repository
     * @param entries how many files, at least 1
     * @return the tree id
     */
    public static String wideTree(GitFixture git, int entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("entries must be at least 1, got " + entries);
        }
        byte[] blob = GitFixture.raw(git.blob("same\n".getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream body = new ByteArrayOutputStream(entries * 36);
        for (int i = 0; i < entries; i++) {
            body.writeBytes(String.format("100644 f%07d", i).getBytes(StandardCharsets.US_ASCII));
            body.write(0);
            body.writeBytes(blob);
        }
        return new String(git.run(body.toByteArray(), "hash-object", "-t", "tree", "-w", "--stdin"),
                StandardCharsets.US_ASCII).trim();
    }
}
