package org.swhvault.testing.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.swhvault.testing.git.GitFixture.TreeEntry;

/**
 * Git repositories with the situations object sources and cookers must get right, built with the
 * real git binary. Each method builds a fresh repository in the given directory.
 */
public final class SampleRepositories {
    private SampleRepositories() {
    }

    /**
     * A history made with ordinary git commands: renames, exec bits, symlinks, odd file names (space,
     * tab, newline, non-UTF-8 bytes), a submodule, merges, an octopus, two roots, time zones from
     * -1200 to +1400, a Latin-1 message with an {@code encoding} header, a message without final
     * newline, lightweight and annotated tags (of commits, of a tag, of a tree, of a blob), notes and
     * remote-tracking refs (one symbolic). HEAD is a symbolic ref to {@code refs/heads/main}.
     */
    public static GitFixture history(Path dir) {
        GitFixture git = GitFixture.init(dir);
        git.at(1_600_000_000L, "+0200");
        git.write("README", "hello\n")
                .write("src/main.c", "int main(void) { return 0; }\n")
                .writeExecutable("bin/run.sh", "#!/bin/sh\necho run\n")
                .symlink("docs", "README")
                .write("empty", "");
        String root = git.commitAll("Initial commit\n");

        git.at(1_600_100_000L, "-1200");
        git.git("mv", "src/main.c", "src/app.c");
        git.git("update-index", "--chmod=+x", "src/app.c");
        git.git("update-index", "--chmod=-x", "bin/run.sh");
        String renamed = git.commitAll("Rename main.c, swap exec bits\n");

        git.git("checkout", "-q", "-b", "topic", root);
        git.at(1_600_200_000L, "+1400");
        git.write("topic.txt", "topic work\n");
        String topic = git.commitAll("Topic work\n");
        git.at(1_600_250_000L, "+0545");
        git.write("topic.txt", "more topic work\n");
        String topic2 = git.commitAll("More topic work\n");

        git.git("checkout", "-q", "main");
        git.at(1_600_300_000L, "-0930");
        git.write("README", "hello, world\n");
        git.commitAll("Edit README\n");
        git.at(1_600_400_000L, "+0000");
        git.write("topic.txt", "more topic work\n");
        String merge = git.commitAll("Merge topic\n", topic2);

        git.git("checkout", "-q", "-b", "left", merge);
        git.write("left.txt", "left\n");
        String left = git.commitAll("Left\n");
        git.git("checkout", "-q", "-b", "right", merge);
        git.write("right.txt", "right\n");
        String right = git.commitAll("Right\n");
        git.git("checkout", "-q", "main");
        git.write("left.txt", "left\n").write("right.txt", "right\n");
        String octopus = git.commitAll("Octopus merge\n", left, right);

        git.at(1_600_500_000L, "+0100");
        git.write("with space.txt", "space\n")
                .write("tab\there", "tab\n")
                .write("new\nline", "newline\n")
                .write("ünïcödé.txt", "unicode\n")
                .write("dir with space/inner file", "inner\n");
        git.addAll();
        git.stage("100644", git.blob("latin-1 name\n".getBytes(StandardCharsets.UTF_8)),
                new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'});
        git.stage("160000", renamed, "vendor/submodule".getBytes(StandardCharsets.UTF_8));
        git.commit("Odd names and a submodule\n");

        git.at(1_600_600_000L, "-0100");
        String tree = git.git("write-tree");
        String latin1 = git.commitTree(tree, "Caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1),
                List.of(git.revParse("HEAD")), "i18n.commitEncoding=ISO-8859-1");
        git.updateRef("refs/heads/main", latin1);
        // From here on, stage paths one by one: "git add -A" would drop the entries staged by hand.
        git.write("last.txt", "last\n");
        git.git("add", "last.txt");
        git.commit("No final newline");

        git.git("checkout", "-q", "--orphan", "other-root");
        git.git("rm", "-r", "-q", "--cached", ".");
        git.at(1_590_000_000L, "+1245");
        git.write("other.txt", "another root\n");
        git.git("add", "other.txt");
        String otherRoot = git.commit("Second root\n");
        git.git("checkout", "-q", "-f", "main");
        git.at(1_600_700_000L, "+0000");
        git.commit("Merge the second root\n", otherRoot);

        git.lightweightTag("v0.1", root);
        String v1 = git.annotatedTag("v1.0", merge, "Version 1.0\n");
        git.annotatedTag("v1.0-signed", v1, "A tag of a tag\n");
        git.annotatedTag("tree-tag", root + "^{tree}", "A tag of a tree\n");
        git.annotatedTag("blob-tag", git.revParse(root + ":README"), "A tag of a blob\n");
        git.lightweightTag("light-tree", root + "^{tree}");
        git.lightweightTag("light-blob", git.revParse(root + ":README"));
        git.git("notes", "add", "-m", "a note", renamed);
        git.updateRef("refs/remotes/origin/main", renamed);
        git.symbolicRef("refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        git.updateRef("refs/heads/topic", topic);
        return git;
    }

    /**
     * An object written with {@code git hash-object --literally}.
     *
     * @param id the object id
     * @param odd whether its canonical form differs from its bytes (or the model refuses it), so that
     *     a source must keep the bytes as raw manifest
     */
    public record Literal(String id, boolean odd) {
    }

    /** Collects literal objects by label. */
    private static final class Literals {
        final Map<String, Literal> byLabel = new LinkedHashMap<>();
        final GitFixture git;

        Literals(GitFixture git) {
            this.git = git;
        }

        void put(String label, String type, boolean odd, String body) {
            put(label, type, odd, body.getBytes(StandardCharsets.UTF_8));
        }

        void put(String label, String type, boolean odd, byte[] body) {
            if (byLabel.put(label, new Literal(git.literal(type, body), odd)) != null) {
                throw new IllegalArgumentException("label used twice: " + label);
            }
        }
    }

    /**
     * Writes objects with {@code git hash-object --literally} into {@code git}: commits with
     * signatures, unknown headers, odd time zones, missing or misplaced fields; trees with odd modes,
     * unsorted or duplicate entries, bad names; tags with unknown headers. A branch
     * {@code refs/heads/literal} keeps one commit reachable.
     *
     * @return the objects by label (the labels are the commit messages or short descriptions)
     */
    public static Map<String, Literal> literalObjects(GitFixture git) {
        Literals odd = new Literals(git);
        String blob = git.blob("data\n".getBytes(StandardCharsets.UTF_8));
        String empty = git.mktree(List.of());
        String tree = git.mktree(List.of(TreeEntry.of("100644", "blob", blob, "file")));
        String a = "author A U Thor <author@example.com> 1234567890 +0000\n";
        String c = "committer C O Mitter <committer@example.com> 1234567890 +0000\n";
        String t = "tree " + tree + "\n";

        odd.put("gpgsig", "commit", false, t + a + c + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n =abcd\n"
                + " -----END PGP SIGNATURE-----\n\nSigned\n");
        odd.put("extra headers", "commit", false, t + a + c + "encoding ISO-8859-1\nx-custom some value\n"
                + "mergetag object " + blob + "\n type blob\n tag x\n \n msg\n\nExtra headers\n");
        odd.put("zones", "commit", false, t + "author A <a> 0 -0000\ncommitter C <c> 4102444799 +1400\n\nZones\n");
        odd.put("odd zones", "commit", false, t + "author A <a> 1 +5d4\ncommitter C <c> 2 --700\n\nOdd zones\n");
        odd.put("no committer", "commit", false, t + a + "\nNo committer\n");
        odd.put("no persons", "commit", false, t + "\nNo author, no committer\n");
        odd.put("no message", "commit", false, t + a + c);
        odd.put("empty message", "commit", false, t + a + c + "\n");
        odd.put("no dates", "commit", false, t + "author A <a>\ncommitter No Date At All\n\nNo dates\n");
        odd.put("two >", "commit", false, t + "author Bad <Name>> > 5 +0000\n" + c + "\nTwo >\n");
        odd.put("newline in name", "commit", false,
                t + "author Name\n <with newline> 5 +0000\n" + c + "\nNewline in name\n");
        odd.put("parent is a blob", "commit", false, t + "parent " + blob + "\n" + a + c + "\nParent is a blob\n");
        odd.put("missing parent", "commit", false,
                t + "parent " + "1".repeat(40) + "\n" + a + c + "\nMissing parent\n");
        odd.put("swapped persons", "commit", true, t + c + a + "\nSwapped author and committer\n");
        odd.put("leading zero", "commit", true, t + "author A <a> 0123 +0000\n" + c + "\nLeading zero\n");
        odd.put("bad date", "commit", true, t + "author A <a> soon +0000\n" + c + "\nBad date\n");
        odd.put("two spaces", "commit", true, t + "author A <a>  5 +0000\n" + c + "\nTwo spaces\n");
        odd.put("no zone", "commit", true, t + "author A <a> 5\n" + c + "\nNo zone\n");
        odd.put("no final newline", "commit", true, t + a + c.substring(0, c.length() - 1));
        odd.put("no tree", "commit", true, a + c + "\nNo tree\n");
        odd.put("upper-case hex", "commit", true, "tree " + tree.toUpperCase() + "\n" + a + c + "\nUpper-case hex\n");
        odd.put("late parent", "commit", true, t + a + "parent " + blob + "\n" + c + "\nLate parent\n");
        odd.put("header without value", "commit", true, t + a + c + "novalue\n\nHeader without value\n");

        odd.put("mode 100664", "tree", false, treeBody(entry("100664", "group-writable", blob)));
        odd.put("dot names", "tree", false, treeBody(entry("100644", "..", blob), entry("100644", ".git", blob)));
        odd.put("gitlink and symlink", "tree", false,
                treeBody(entry("160000", "gitlink", blob), entry("120000", "link", blob)));
        odd.put("mode 040000", "tree", true, treeBody(entry("040000", "zero-padded", empty)));
        odd.put("unsorted", "tree", true, treeBody(entry("100644", "b", blob), entry("100644", "a", blob)));
        odd.put("duplicate", "tree", true, treeBody(entry("100644", "dup", blob), entry("100644", "dup", blob)));
        odd.put("file and directory a", "tree", true,
                treeBody(entry("100644", "a", blob), entry("100644", "a.txt", blob), entry("40000", "a", empty)));
        odd.put("slash in name", "tree", true, treeBody(entry("100644", "has/slash", blob)));
        odd.put("empty name", "tree", true, treeBody(entry("100644", "", blob)));

        String o = "object " + blob + "\ntype blob\ntag t\n";
        odd.put("tag", "tag", false, o + "tagger T <t> 5 -0000\n\nA tag\n");
        odd.put("no tagger", "tag", false, o + "\nNo tagger\n");
        odd.put("tag without message", "tag", false, o + "tagger T <t> 5 +0000\n");
        odd.put("unknown tag header", "tag", true, o + "tagger T <t> 5 +0000\nx-unknown header\n\nUnknown header\n");
        odd.put("swapped tag headers", "tag", true, "type blob\n" + "object " + blob + "\ntag t\n\nSwapped\n");
        odd.put("unknown tag type", "tag", true, "object " + blob + "\ntype thing\ntag t\n\nUnknown type\n");

        odd.put("reachable", "commit", false, t + a + c + "\nReachable\n");
        git.updateRef("refs/heads/literal", odd.byLabel.get("reachable").id());
        return odd.byLabel;
    }

    /** Returns one raw tree entry: {@code mode SP name NUL id}. */
    public static byte[] entry(String mode, String name, String id) {
        byte[] head = (mode + " " + name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 20];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(GitFixture.raw(id), 0, out, head.length, 20);
        return out;
    }

    /** Concatenates raw tree entries. */
    public static byte[] treeBody(byte[]... entries) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }
}
