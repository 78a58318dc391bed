package org.swhvault.testing.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Small repositories full of what git allows and readers get wrong, different for each seed and the same
 * for one seed (same object ids): names with spaces, tabs, newlines, quotes, leading dashes, UTF-8 and
 * non-UTF-8 bytes, names that sort differently as trees and as files ({@code a}, {@code a.b}, {@code a/}),
 * executable files, symbolic links (to files, to directories, dangling, absolute, out of the tree, with
 * targets longer than a tar header holds or with newlines and non-UTF-8 bytes), empty
 * files and one blob shared by many paths, submodule gitlinks, deep nesting, files becoming directories and
 * back; commits with merges of two to four parents, time zones such as {@code -0000}, {@code +0530} and
 * {@code +1400}, dates from 1970 to the year 5000, odd but valid people, multi-line, empty, unterminated
 * and ISO-8859-1 messages (with their {@code encoding} header), CR LF and NUL bytes in messages, commits
 * with no change and with an empty tree, octopus merges and unrelated roots, and some with {@code gpgsig} or unknown
 * headers; annotated tags (of commits, trees, blobs and tags, one without a tagger) and lightweight ones;
 * in half the repositories a 100 kB text edited a few lines per commit (deltas once packed); HEAD on
 * {@code main} or {@code side}, and sometimes a symbolic ref {@code refs/heads/alias}.
 *
 * <p>Objects are laid out here and written by the real git, a few runs of
 * {@code git hash-object -w --stdin-paths} for the whole repository (which checks every tree, commit and
 * tag, except the trees with odd modes, written {@code --literally}); the ids git returns must be those
 * computed here.
 */
public final class GeneratedRepositories {
    /**
     * What {@link #varied} wrote.
     *
     * @param head the commit {@code refs/heads/main} (and HEAD) points to
     * @param merges the merge commits, oldest first (at least one)
     * @param release an annotated tag of a commit
     * @param tagOfTag an annotated tag whose object is another annotated tag
     * @param unwritable the commits {@code git fast-import} cannot write with their id: headers it cannot
     *     write ({@code gpgsig}, {@code mergetag}, unknown ones), a time zone without sign, a gitlink to a blob,
     *     a root tree with a mode such as {@code 100664} or {@code 040000}; their descendants lose their id too
     */
    public record Varied(String head, List<String> merges, String release, String tagOfTag,
            Set<String> unwritable) {
        /** Copies the collections. */
        public Varied {
            merges = List.copyOf(merges);
            unwritable = Set.copyOf(unwritable);
        }
    }

    private static final String[] ZONES = {"+0000", "-0000", "+0530", "+1400", "-1200", "-0930", "+0845", "+0100"};
    private static final long[] DATES = {0L, 1L, 86_400L, 1_000_000_000L, 1_700_000_000L, 4_102_444_800L,
        95_617_584_000L};
    /** Dates git writes when asked to (hash-object checks them), and fast-import with {@code raw-permissive} too. */
    private static final String[] ODD_DATES = {"-1 +0000", "-86400 +0100", "99999999999999 +0000", "1 +2359",
        "1 +9999", "1 -9959", "1 +05300"};
    /** A date fast-import refuses even with {@code raw-permissive}. */
    private static final String UNSIGNED_ZONE = "1 0000";
    private static final byte[][] PEOPLE = {
        utf8("A U Thor <author@example.org>"),
        utf8("Ünïcödé Ñame <ü@example.org>"),
        latin1("Jos\u00e9 Latin1 <jose@example.org>"),
        utf8("Two  Spaces <two@example.org>"),
        utf8(" <leading-space@example.org>"),
        utf8("Empty Email <>"),
        utf8("Tab\there <tab@example.org>"),
        utf8("-dash <dash@example.org>"),
    };
    private static final byte[][] NAMES = {
        utf8("a"), utf8("a.b"), utf8("a-b"), utf8("a0"), utf8("a b"), utf8("with space.txt"),
        utf8(" leading space"), utf8("trailing space "), utf8("-rf"), utf8("--help"), utf8("ünïcödé.txt"),
        latin1("caf\u00e9"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}, utf8("tab\there"), utf8("new\nline"),
        utf8("quote\"d"), utf8("back\\slash"), utf8("\"leading quote"), utf8("*star?"), utf8("#hash"),
        utf8("x".repeat(180)), utf8("README"), utf8("f"),
    };
    private static final byte[][] DIRS = {utf8("a"), utf8("d"), utf8("-d"), utf8("sp ace"), utf8("ü"),
        latin1("\u00e9t\u00e9"), utf8("src")};

    private final GitFixture git;
    private final Random random;
    private final TreeMap<String, String[]> index = new TreeMap<>();
    private final List<String> blobs = new ArrayList<>();
    private final Set<String> unwritable = new LinkedHashSet<>();
    private final List<String> commits = new ArrayList<>();
    private boolean lossy;
    private final Map<String, String> treeOf = new LinkedHashMap<>();
    /** Object bodies to write, by {@code hash-object} arguments ({@code -t type [--literally]}), then by id. */
    private final Map<String, Map<String, byte[]>> pending = new LinkedHashMap<>();
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final String sharedEmpty;
    private final List<String> evolving;

    private GeneratedRepositories(GitFixture git, long seed) {
        this.git = git;
        this.random = new Random(seed);
        for (String kind : List.of("blob", "tree", "tree --literally", "commit", "tag")) {
            pending.put(kind, new LinkedHashMap<>());
        }
        this.sharedEmpty = object("blob", new byte[0]);
        this.evolving = random.nextBoolean() ? null : new ArrayList<>();
        for (int i = 0; evolving != null && i < 3000; i++) {
            evolving.add("line " + i + " of a large text that evolves " + random.nextInt(1000));
        }
    }

    /**
     * Writes a varied repository into an empty one: a few commits on {@code refs/heads/main}, a side branch
     * {@code refs/heads/side} and a third {@code refs/heads/other/ü}, merged back (two or three parents),
     * tags under {@code refs/tags/}, HEAD on {@code main} or {@code side}. Blocks until git ends.
     *
     * @param git an empty repository
     * @param seed what makes the repository: the same seed, the same objects
     * @return what was written
     * @throws AssertionError if git refuses something
     */
    public static Varied varied(GitFixture git, long seed) {
        return new GeneratedRepositories(git, seed).write();
    }

    private Varied write() {
        String main = null;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            main = commit(main == null ? List.of() : List.of(main));
        }
        String fork = main;
        List<String> merges = new ArrayList<>();
        for (int round = 1 + random.nextInt(2); round > 0; round--) {
            String side = fork;
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                side = commit(List.of(side));
            }
            main = commit(List.of(main));
            List<String> parents = new ArrayList<>(List.of(main, side));
            for (int n = random.nextInt(4); n > 1; n--) {
                // A third (or fourth) parent, forked from the side branch's start or an unrelated root.
                String other = commit(random.nextBoolean() ? List.of(fork) : List.of());
                ref("refs/heads/other/ü", other);
                parents.add(other);
            }
            main = commit(parents);
            merges.add(main);
            ref("refs/heads/side", side);
            fork = side;
        }
        for (int n = random.nextInt(2); n > 0; n--) {
            main = commit(List.of(main));
        }
        ref("refs/heads/main", main);
        String release = tag("v1.0", main, "commit", true);
        String tagOfTag = tag("v1.0-signed-off", release, "tag", true);
        ref("refs/tags/v1.0", release);
        ref("refs/tags/v1.0-signed-off", tagOfTag);
        ref("refs/tags/light", merges.get(0));
        if (random.nextBoolean()) {
            ref("refs/tags/tree", tag("tree", treeOf.get(fork), "tree", random.nextBoolean()));
        }
        if (random.nextBoolean() && !blobs.isEmpty()) {
            ref("refs/tags/blob", tag("blob", blobs.get(random.nextInt(blobs.size())), "blob", true));
        }
        if (random.nextBoolean()) {
            ref("refs/tags/light-tree", treeOf.get(main));
        }
        flush();
        // HEAD and another symbolic ref, as the snapshot's aliases.
        git.symbolicRef("HEAD", random.nextInt(4) == 0 ? "refs/heads/side" : "refs/heads/main");
        if (random.nextBoolean()) {
            git.symbolicRef("refs/heads/alias", "refs/heads/side");
        }
        return new Varied(main, merges, release, tagOfTag, unwritable);
    }

    private void ref(String name, String id) {
        refs.put(name, id);
    }

    /** Writes every object with git, checking that git computes the same ids, then the refs. */
    private void flush() {
        Path dir = git.gitDir().resolve("generated");
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, Map<String, byte[]>> kind : pending.entrySet()) {
                if (kind.getValue().isEmpty()) {
                    continue;
                }
                StringBuilder paths = new StringBuilder();
                for (Map.Entry<String, byte[]> o : kind.getValue().entrySet()) {
                    Path file = dir.resolve(o.getKey());
                    Files.write(file, o.getValue());
                    paths.append(file).append('\n');
                }
                List<String> args = new ArrayList<>(List.of("hash-object", "-w", "--stdin-paths", "-t"));
                args.addAll(List.of(kind.getKey().split(" ")));
                String written = new String(git.run(paths.toString().getBytes(StandardCharsets.UTF_8),
                        args.toArray(String[]::new)), StandardCharsets.US_ASCII);
                if (!List.of(written.split("\n")).equals(List.copyOf(kind.getValue().keySet()))) {
                    throw new AssertionError("git computed other ids for the " + kind.getKey() + " objects");
                }
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Through standard input: a non-ASCII ref name must not depend on the JVM's argument encoding.
        StringBuilder updates = new StringBuilder();
        refs.forEach((name, id) -> updates.append("update ").append(name).append(' ').append(id).append('\n'));
        git.run(utf8(updates.toString()), "update-ref", "--stdin");
    }

    private String commit(List<String> parents) {
        // Sometimes no change at all (the parent's tree), sometimes nothing left.
        for (int n = random.nextInt(7); n > 0; n--) {
            change();
        }
        if (random.nextInt(30) == 0) {
            index.clear();
        }
        if (evolving != null) {
            // A large text edited a few lines at a time: packs store its versions as deltas of each other.
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                evolving.set(random.nextInt(evolving.size()), "edited line " + random.nextInt(1_000_000));
            }
            index.put("big/evolving.txt", new String[] {"100644", object("blob", utf8(String.join("\n", evolving)))});
        }
        lossy = false;
        String tree = writeTree();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("tree " + tree + "\n"));
        for (String parent : parents) {
            body.writeBytes(utf8("parent " + parent + "\n"));
        }
        body.writeBytes(utf8("author "));
        body.writeBytes(person());
        body.writeBytes(utf8("\ncommitter "));
        body.writeBytes(person());
        body.writeBytes(utf8("\n"));
        int kind = random.nextInt(10);
        if (kind == 0) {
            body.writeBytes(utf8("encoding ISO-8859-1\n"));
        } else if (kind == 1) {
            body.writeBytes(utf8("gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE" + random.nextInt(1000)
                    + "\n -----END PGP SIGNATURE-----\n"));
            lossy = true;
        } else if (kind == 2) {
            body.writeBytes(utf8("nonce " + random.nextInt(1000) + "\n"));
            lossy = true;
        } else if (kind == 3 && parents.size() > 1) {
            body.writeBytes(utf8("mergetag object " + parents.get(1) + "\n type commit\n tag merged\n tagger "
                    + "T <t@example.org> 1 +0000\n \n merged\n"));
            lossy = true;
        }
        body.writeBytes(utf8("\n"));
        body.writeBytes(kind == 0 ? latin1("Caf\u00e9 cr\u00e8me " + random.nextInt(100) + "\n") : message());
        String id = object("commit", body.toByteArray());
        treeOf.put(id, tree);
        if (lossy) {
            unwritable.add(id);
        }
        commits.add(id);
        return id;
    }

    private byte[] person() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PEOPLE[random.nextInt(PEOPLE.length)]);
        int odd = random.nextInt(40);
        if (odd < ODD_DATES.length) {
            out.writeBytes(utf8(" " + ODD_DATES[odd]));
        } else if (odd == ODD_DATES.length) {
            out.writeBytes(utf8(" " + UNSIGNED_ZONE));
            lossy = true;
        } else {
            out.writeBytes(utf8(" " + DATES[random.nextInt(DATES.length)] + " " + ZONES[random.nextInt(ZONES.length)]));
        }
        return out.toByteArray();
    }

    private byte[] message() {
        int n = random.nextInt(100);
        return switch (random.nextInt(7)) {
            case 0 -> new byte[0];
            case 1 -> utf8("no final newline " + n);
            case 2 -> utf8("Subject " + n + "\n\nBody line one\n  indented\n\n\nTrailing blank lines\n\n\n");
            case 3 -> utf8("Ünïcödé subject " + n + "\n");
            case 4 -> latin1("Latin1 without header \u00e9 " + n + "\n");
            case 5 -> utf8("CRLF " + n + "\r\n\r\nand a NUL \0 byte\r\n");
            default -> utf8("Change " + n + "\n");
        };
    }

    private String tag(String name, String object, String type, boolean tagger) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("object " + object + "\ntype " + type + "\ntag " + name + "\n"));
        if (tagger) {
            body.writeBytes(utf8("tagger "));
            body.writeBytes(person());
            body.writeBytes(utf8("\n"));
        }
        body.writeBytes(utf8("\n"));
        body.writeBytes(message());
        return object("tag", body.toByteArray());
    }

    private void change() {
        int r = random.nextInt(20);
        if (r < 3 && !index.isEmpty()) {
            List<String> paths = new ArrayList<>(index.keySet());
            index.remove(paths.get(random.nextInt(paths.size())));
            return;
        }
        String path = path();
        String mode;
        String id;
        if (r < 6) {
            mode = "100644";
            id = sharedEmpty;
        } else if (r < 8) {
            mode = "100755";
            id = content();
        } else if (r < 11) {
            mode = "120000";
            id = link(path);
        } else if (r < 12) {
            mode = "160000";
            id = gitlink();
        } else {
            mode = "100644";
            id = content();
        }
        // A file where a directory was (or the reverse) replaces it, as a checkout would.
        index.keySet().removeIf(p -> p.startsWith(path + "/") || path.startsWith(p + "/"));
        index.put(path, new String[] {mode, id});
    }

    private String gitlink() {
        int r = random.nextInt(8);
        if (r == 0 && !commits.isEmpty()) {
            return commits.get(random.nextInt(commits.size()));
        }
        if (r == 1 && !blobs.isEmpty()) {
            return blobs.get(random.nextInt(blobs.size()));
        }
        byte[] raw = new byte[20];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    private String path() {
        StringBuilder path = new StringBuilder();
        int depth = random.nextInt(12) == 0 ? 15 + random.nextInt(15) : random.nextInt(4);
        for (int i = 0; i < depth; i++) {
            path.append(latin1(DIRS[random.nextInt(DIRS.length)])).append('/');
        }
        return path.append(latin1(NAMES[random.nextInt(NAMES.length)])).toString();
    }

    private String content() {
        byte[] bytes;
        switch (random.nextInt(4)) {
            case 0 -> bytes = utf8("shared text\n");
            case 1 -> {
                bytes = new byte[random.nextInt(3000)];
                random.nextBytes(bytes);
            }
            default -> bytes = utf8("line " + random.nextInt(50) + "\n".repeat(1 + random.nextInt(3)));
        }
        String id = object("blob", bytes);
        blobs.add(id);
        return id;
    }

    private String link(String path) {
        String target = switch (random.nextInt(8)) {
            case 7 -> "shared text\n"; // the very blob of regular files elsewhere
            case 0 -> "/absolute/target";
            case 5 -> "long/" + "segment-\u00e9/".repeat(10 + random.nextInt(30)) + "end";
            case 6 -> "new\nline and \u00ff byte";
            case 1 -> "nowhere/dangling";
            case 2 -> "../".repeat(1 + random.nextInt(3)) + "outside";
            case 3 -> index.isEmpty() ? "." : index.firstKey();
            default -> ".";
        };
        // Targets are raw bytes like names; a path of the tree may hold non-UTF-8 bytes.
        String id = object("blob", target.getBytes(StandardCharsets.ISO_8859_1));
        blobs.add(id);
        return id;
    }

    private String writeTree() {
        // fast-import aborts on a gitlink to an object it wrote as a blob; the cooker leaves such an entry out.
        if (index.values().stream().anyMatch(e -> e[0].equals("160000") && blobs.contains(e[1]))) {
            lossy = true;
        }
        // One root tree in eight has its first file or directory written with a mode git reads but no
        // longer writes (100664, 040000).
        return tree("", random.nextInt(8) == 0);
    }

    /** Writes the tree of the index entries under {@code prefix}, sub-trees first; returns its id. */
    private String tree(String prefix, boolean oddMode) {
        Map<String, String[]> entries = new TreeMap<>();
        for (Map.Entry<String, String[]> e : index.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            String rest = e.getKey().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                entries.put(rest, e.getValue());
            } else if (!entries.containsKey(rest.substring(0, slash) + "/")) {
                String name = rest.substring(0, slash);
                entries.put(name + "/", new String[] {"40000", tree(prefix + name + "/", false)});
            }
        }
        List<String> names = new ArrayList<>(entries.keySet());
        // Git sorts a directory as if its name ended with '/'; names here are bytes held as ISO-8859-1.
        names.sort(Comparator.naturalOrder());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean odd = false;
        for (String name : names) {
            String[] e = entries.get(name);
            String mode = e[0];
            if (oddMode && !odd && (mode.equals("100644") || mode.equals("40000"))) {
                mode = mode.equals("100644") ? "100664" : "040000";
                odd = true;
            }
            body.writeBytes(utf8(mode + " "));
            body.writeBytes(name.endsWith("/") ? latin1(name.substring(0, name.length() - 1)) : latin1(name));
            body.write(0);
            body.writeBytes(HexFormat.of().parseHex(e[1]));
        }
        if (odd) {
            lossy = true;
            return object("tree --literally", body.toByteArray());
        }
        return object("tree", body.toByteArray());
    }

    /** Returns the id of an object and keeps its body for {@link #flush()}. */
    private String object(String kind, byte[] body) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(utf8(kind.split(" ")[0] + " " + body.length + "\0"));
        String id = HexFormat.of().formatHex(sha1.digest(body));
        pending.get(kind).put(id, body);
        return id;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
