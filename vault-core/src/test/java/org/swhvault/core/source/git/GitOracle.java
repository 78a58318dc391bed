package org.swhvault.core.source.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.testing.git.GitFixture;

/** What git itself says, computed without the code under test. */
final class GitOracle {
    private GitOracle() {
    }

    /**
     * Returns the branches git reports ({@code for-each-ref} and {@code symbolic-ref HEAD}), as
     * {@code name → "revision <hex>"} or {@code "alias <target>"}, sorted by name.
     */
    static Map<String, String> branches(GitFixture git) {
        Map<String, String> branches = new TreeMap<>();
        String refs = git.git("for-each-ref", "--format=%(refname)%00%(objecttype)%00%(objectname)%00%(symref)");
        for (String line : refs.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\0", -1);
            branches.put(f[0], f[3].isEmpty() ? type(f[1]) + " " + f[2] : "alias " + f[3]);
        }
        String head = git.tryGit("symbolic-ref", "-q", "HEAD");
        if (head != null) {
            branches.put("HEAD", "alias " + head);
        } else {
            String id = git.git("rev-parse", "HEAD");
            branches.put("HEAD", type(git.git("cat-file", "-t", id)) + " " + id);
        }
        return branches;
    }

    /** Describes a snapshot's branches the way {@link #branches} does. */
    static Map<String, String> describe(Snapshot snapshot) {
        Map<String, String> branches = new TreeMap<>();
        for (SnapshotBranch b : snapshot.branches()) {
            String target;
            if (b.target() instanceof BranchTarget.ToObject o) {
                target = o.type().modelName() + " " + o.id().toHex();
            } else if (b.target() instanceof BranchTarget.Alias a) {
                target = "alias " + a.name();
            } else {
                target = "dangling";
            }
            branches.put(b.name().toString(), target);
        }
        return branches;
    }

    /** Returns the snapshot id of these branches, hashed by {@code git hash-object --literally -t snapshot}. */
    static String snapshotId(GitFixture git, Map<String, String> branches) {
        List<byte[]> names = new ArrayList<>();
        for (String name : branches.keySet()) {
            names.add(name.getBytes(StandardCharsets.UTF_8));
        }
        names.sort(Arrays::compareUnsigned);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] name : names) {
            String[] target = branches.get(new String(name, StandardCharsets.UTF_8)).split(" ", 2);
            byte[] value = target[0].equals("alias") ? target[1].getBytes(StandardCharsets.UTF_8)
                    : HexFormat.of().parseHex(target[1]);
            body.writeBytes((target[0] + " ").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(name);
            body.writeBytes(("\0" + value.length + ":").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(value);
        }
        return git.hashLiterally("snapshot", body.toByteArray());
    }

    /** Returns the git blob id of a stream's bytes, and closes it. */
    static String blobId(InputStream in) {
        try (in) {
            byte[] data = in.readAllBytes();
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns {@code type SP size NUL body}: the bytes of a git object as git hashes them. */
    static byte[] withHeader(String type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((type + " " + body.length + "\0").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String type(String gitType) {
        return switch (gitType) {
            case "commit" -> "revision";
            case "tag" -> "release";
            case "tree" -> "directory";
            case "blob" -> "content";
            default -> throw new IllegalArgumentException(gitType);
        };
    }
}
