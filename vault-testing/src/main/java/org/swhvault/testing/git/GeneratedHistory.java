package org.swhvault.testing.git;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A long history that evolves like real code, written by the real git in one {@code git fast-import}
 * run: text files edited a few lines at a time, files added, deleted and moved to another directory,
 * a binary file patched in place, a side branch merged back now and then, annotated tags, and an
 * unrelated branch with its own root (like a {@code gh-pages} or {@code pristine-tar} branch). The
 * input that tells apart packs which store the versions of a file as deltas of each other from packs
 * which store them whole. The same arguments give the same repository (same object ids).
 */
public final class GeneratedHistory {
    private static final String[] WORDS = ("archive bundle cook vault snapshot revision release directory content"
            + " object pack delta index tree blob commit merge branch origin mirror stream zlib tar flat bare"
            + " identifier hash heritage source code history author committer message return value").split(" ");

    private final Random random;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TreeMap<String, List<String>> files = new TreeMap<>();
    private byte[] binary;
    private long time = 1_500_000_000L;
    private int mark;

    private GeneratedHistory(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Writes the history on {@code refs/heads/main} (with a side branch {@code refs/heads/topic} merged back
     * every 100 commits, and an annotated tag {@code v<n>} every 250), plus about {@code commits / 20}
     * commits on the unrelated branch {@code refs/heads/pages}. Blocks until git ends.
     *
     * @param git the repository
     * @param files how many text files the first commit adds, at least 1
     * @param commits how many commits follow on {@code main}, at least 1
     * @param seed what makes the history: the same seed, the same objects
     * @return the id of the last commit on {@code main}
     */
    public static String write(GitFixture git, int files, int commits, long seed) {
        if (files < 1 || commits < 1) {
            throw new IllegalArgumentException("files and commits must be positive, got " + files + ", " + commits);
        }
        GeneratedHistory h = new GeneratedHistory(seed);
        h.generate(files, commits);
        git.run(h.out.toByteArray(), "fast-import", "--quiet");
        return git.revParse("refs/heads/main");
    }

    private void generate(int fileCount, int commits) {
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            String path = "src/mod" + (i % 12) + "/file" + i + ".txt";
            List<String> lines = new ArrayList<>();
            for (int n = 20 + random.nextInt(180); n > 0; n--) {
                lines.add(line());
            }
            files.put(path, lines);
            changes.add(modify(path));
        }
        binary = new byte[20_000 + random.nextInt(40_000)];
        random.nextBytes(binary);
        changes.add(modifyBinary());
        int main = commit("refs/heads/main", "Initial import", changes, -1, -1);
        int pages = -1;
        for (int c = 1; c <= commits; c++) {
            if (c % 100 == 0) {
                int topic = commit("refs/heads/topic", "Topic work " + c, List.of(edit()), main, -1);
                main = commit("refs/heads/main", "Merge topic " + c, List.of(edit()), main, topic);
            } else {
                main = commit("refs/heads/main", "Change " + c + "\n\nEdits a few lines.", changes(), main, -1);
            }
            if (c % 250 == 0) {
                text("tag v" + (c / 250) + "\nfrom :" + main + "\ntagger Release <rel@example.org> " + time
                        + " +0000\n");
                data(("Version " + (c / 250) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (c % 20 == 0) {
                pages = commit("refs/heads/pages", "Publish " + c, List.of(page(c)), pages, -1);
            }
        }
    }

    private List<String> changes() {
        List<String> changes = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            changes.add(edit());
        }
        int r = random.nextInt(100);
        if (r < 3) {
            String path = "src/mod" + random.nextInt(12) + "/new" + mark + ".txt";
            List<String> lines = new ArrayList<>();
            for (int n = 10 + random.nextInt(60); n > 0; n--) {
                lines.add(line());
            }
            files.put(path, lines);
            changes.add(modify(path));
        } else if (r < 5 && files.size() > 2) {
            String path = pick();
            files.remove(path);
            changes.add("D " + path);
        } else if (r < 7 && files.size() > 2) {
            String from = pick();
            String to = "moved/" + from.substring(from.lastIndexOf('/') + 1);
            if (!files.containsKey(to)) {
                files.put(to, files.remove(from));
                changes.add("D " + from);
                changes.add(modify(to));
            }
        } else if (r < 10) {
            for (int n = 0; n < 8; n++) {
                binary[random.nextInt(binary.length)] = (byte) random.nextInt();
            }
            changes.add(modifyBinary());
        }
        return changes;
    }

    /** Edits a few lines of a file: change, insert or delete. */
    private String edit() {
        String path = pick();
        List<String> lines = files.get(path);
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> lines.set(at, line());
                case 1 -> lines.add(at, line());
                default -> {
                    if (lines.size() > 5) {
                        lines.remove(at);
                    }
                }
            }
        }
        return modify(path);
    }

    private String page(int c) {
        StringBuilder html = new StringBuilder("<html><body>\n<h1>Release notes</h1>\n");
        for (int i = 0; i < 150 + c / 20; i++) {
            html.append("<p>Item ").append(i).append(": ").append(WORDS[(i * 7 + c / 100) % WORDS.length])
                    .append("</p>\n");
        }
        html.append("</body></html>\n");
        return "M 100644 inline index.html\ndata " + html.length() + "\n" + html;
    }

    private String pick() {
        List<String> paths = new ArrayList<>(files.keySet());
        return paths.get(random.nextInt(paths.size()));
    }

    private String line() {
        StringBuilder s = new StringBuilder();
        for (int n = 3 + random.nextInt(10); n > 0; n--) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(n > 1 ? ' ' : '\n');
        }
        return s.toString();
    }

    private String modify(String path) {
        String body = String.join("", files.get(path));
        return "M 100644 inline " + path + "\ndata " + body.getBytes(StandardCharsets.UTF_8).length + "\n" + body;
    }

    private String modifyBinary() {
        return "M 100755 inline data/blob.bin\ndata " + binary.length + "\n"
                + new String(binary, StandardCharsets.ISO_8859_1);
    }

    /** Writes a commit; {@code from} is -1 to start a branch without parent (or continue where it is). */
    private int commit(String ref, String message, List<String> changes, int from, int merge) {
        time += 60 + random.nextInt(7200);
        mark++;
        int self = mark;
        text("commit " + ref + "\nmark :" + self + "\ncommitter Dev " + (self % 7) + " <dev" + (self % 7)
                + "@example.org> " + time + " +0" + (self % 10) + "00\n");
        data((message + "\n").getBytes(StandardCharsets.UTF_8));
        if (from > 0) {
            text("from :" + from + "\n");
        }
        if (merge > 0) {
            text("merge :" + merge + "\n");
        }
        for (String change : changes) {
            // Binary bodies travel as ISO-8859-1 characters: one char per byte.
            out.writeBytes(change.getBytes(change.startsWith("M 100755 inline data/") ? StandardCharsets.ISO_8859_1
                    : StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.write('\n');
        return self;
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void data(byte[] body) {
        text("data " + body.length + "\n");
        out.writeBytes(body);
    }
}
