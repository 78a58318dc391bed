package org.swhvault.core.cook.gitbare.pack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;

/** Builds git objects by hand (blobs, trees, commits, a tag) with their real ids, for pack tests. */
final class GitObjectFixture {
    /** One object: type, id and body without header. */
    record Obj(GitObjectType type, ObjectId id, byte[] body) {
    }

    private final List<Obj> objects = new ArrayList<>();

    List<Obj> objects() {
        return List.copyOf(objects);
    }

    Obj blob(byte[] body) {
        return add(GitObjectType.BLOB, body);
    }

    /** A tree; {@code entries} alternate mode, name, object, already in git order. */
    Obj tree(Object... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < entries.length; i += 3) {
            out.writeBytes((entries[i] + " " + entries[i + 1] + "\0").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(((Obj) entries[i + 2]).id().toByteArray());
        }
        return add(GitObjectType.TREE, out.toByteArray());
    }

    Obj commit(Obj tree, Obj parent, String message) {
        String text = "tree " + tree.id() + "\n"
                + (parent == null ? "" : "parent " + parent.id() + "\n")
                + "author Ada <ada@example.org> 1700000000 +0200\n"
                + "committer Ada <ada@example.org> 1700000100 +0200\n\n" + message + "\n";
        return add(GitObjectType.COMMIT, text.getBytes(StandardCharsets.UTF_8));
    }

    Obj tag(Obj target, String name) {
        String text = "object " + target.id() + "\ntype commit\ntag " + name + "\n"
                + "tagger Ada <ada@example.org> 1700000200 +0000\n\nrelease " + name + "\n";
        return add(GitObjectType.TAG, text.getBytes(StandardCharsets.UTF_8));
    }

    private Obj add(GitObjectType type, byte[] body) {
        Obj obj = new Obj(type, Identifiers.hash(type.gitName(), body), body);
        objects.add(obj);
        return obj;
    }

    /**
     * A small repository: an empty blob, a 5 MB random blob, many small random and text blobs in
     * nested trees, two commits and a tag. Returns the fixture; the last commit is {@code head}.
     */
    static GitObjectFixture sample(long seed, int smallBlobs) {
        Random random = new Random(seed);
        GitObjectFixture f = new GitObjectFixture();
        Obj empty = f.blob(new byte[0]);
        byte[] bigBody = new byte[5_000_000];
        random.nextBytes(bigBody);
        Obj big = f.blob(bigBody);
        Object[] subEntries = new Object[smallBlobs * 3];
        for (int i = 0; i < smallBlobs; i++) {
            byte[] body = i % 2 == 0 ? randomBytes(random, random.nextInt(3000))
                    : ("line " + i + "\n").repeat(1 + random.nextInt(200)).getBytes(StandardCharsets.US_ASCII);
            subEntries[3 * i] = "100644";
            subEntries[3 * i + 1] = String.format("f%05d", i);
            subEntries[3 * i + 2] = f.blob(body);
        }
        Obj sub = f.tree(subEntries);
        Obj script = f.blob("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII));
        Obj root1 = f.tree("100644", "big.bin", big, "100644", "empty", empty, "40000", "sub", sub);
        Obj c1 = f.commit(root1, null, "first");
        Obj root2 = f.tree("100644", "big.bin", big, "100644", "empty", empty, "100755", "run.sh", script,
                "40000", "sub", sub);
        Obj c2 = f.commit(root2, c1, "second");
        f.tag(c2, "v1.0");
        return f;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
