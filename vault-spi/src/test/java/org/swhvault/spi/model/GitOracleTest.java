package org.swhvault.spi.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.swhvault.spi.swhid.ObjectType;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects built by this package against the objects the real git binary builds and accepts. */
class GitOracleTest {
    private static final byte[][] NAME_PARTS = {
        "a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8),
        ".".getBytes(StandardCharsets.UTF_8), "-".getBytes(StandardCharsets.UTF_8),
        "0".getBytes(StandardCharsets.UTF_8), "A".getBytes(StandardCharsets.UTF_8),
        "é".getBytes(StandardCharsets.UTF_8), {(byte) 0xff}, {(byte) 0x80}, {' '}, {'~'},
    };

    @TempDir
    Path tmp;
    private Path repo;
    private final Random random = new Random(20240601);

    @BeforeEach
    void initRepository() throws Exception {
        repo = tmp.resolve("repo");
        java.nio.file.Files.createDirectories(repo);
        GitOracle.run(repo, null, "init", "-q", ".");
    }

    @Test
    void randomDirectoriesHashLikeGitMktree() throws Exception {
        for (int round = 0; round < 25; round++) {
            Directory dir = Directory.of(randomEntries(random.nextInt(14)));
            // mktree sorts the entries itself, so this checks our git order as well as the bytes.
            ByteArrayOutputStream lsTree = new ByteArrayOutputStream();
            List<DirectoryEntry> shuffled = new ArrayList<>(dir.entries());
            java.util.Collections.shuffle(shuffled, random);
            for (DirectoryEntry e : shuffled) {
                String type = switch (e.type()) {
                    case FILE -> "blob";
                    case DIR -> "tree";
                    case REV -> "commit";
                };
                lsTree.writeBytes(String.format("%06o %s %s\t", e.perms(), type, e.target().toHex())
                        .getBytes(StandardCharsets.US_ASCII));
                lsTree.writeBytes(e.name().toByteArray());
                lsTree.write(0);
            }
            String fromGit = GitOracle.run(repo, lsTree.toByteArray(), "mktree", "-z", "--missing").trim();
            assertThat(dir.id().toHex()).as("round %d: %s", round, dir.entries()).isEqualTo(fromGit);
            // Strict hash-object runs git's fsck checks on the tree (sorting, modes, names).
            String strict = GitOracle.run(repo, Manifests.directory(shuffled), "hash-object", "-t", "tree", "--stdin")
                    .trim();
            assertThat(strict).isEqualTo(fromGit);
        }
    }

    @Test
    void randomCommitsHashLikeGitCommitTree() throws Exception {
        String tree = GitOracle.run(repo, new byte[0], "mktree").trim();
        List<String> commits = new ArrayList<>();
        for (int round = 0; round < 15; round++) {
            Person author = Person.of(randomWord() + " " + randomWord(), randomWord() + "@example.org");
            Person committer = Person.of(randomWord(), randomWord() + "@example.com");
            Timestamp date = randomTimestamp();
            Timestamp committerDate = randomTimestamp();
            byte[] message = randomMessage();
            List<String> args = new ArrayList<>(List.of("commit-tree", tree));
            Revision.Builder expected = Revision.builder().directory(ObjectId.fromHex(tree));
            int parents = commits.isEmpty() ? 0 : random.nextInt(Math.min(3, commits.size() + 1));
            for (int p = 0; p < parents; p++) {
                String parent = commits.get(random.nextInt(commits.size()));
                args.add("-p");
                args.add(parent);
                expected.parent(ObjectId.fromHex(parent));
            }
            Map<String, String> env = Map.of(
                    "GIT_AUTHOR_NAME", name(author), "GIT_AUTHOR_EMAIL", email(author),
                    "GIT_AUTHOR_DATE", "@" + date.seconds() + " " + date.offset(),
                    "GIT_COMMITTER_NAME", name(committer), "GIT_COMMITTER_EMAIL", email(committer),
                    "GIT_COMMITTER_DATE", "@" + committerDate.seconds() + " " + committerDate.offset());
            String id = new String(GitOracle.runBytes(repo, message, env, args.toArray(String[]::new)),
                    StandardCharsets.US_ASCII).trim();
            commits.add(id);
            Revision ours = expected.author(author, date).committer(committer, committerDate)
                    .message(Bytes.wrap(message)).build();
            byte[] body = GitOracle.runBytes(repo, null, Map.of(), "cat-file", "commit", id);
            assertThat(new String(Manifests.revision(ours), StandardCharsets.UTF_8))
                    .isEqualTo(new String(body, StandardCharsets.UTF_8));
            assertThat(ours.id().toHex()).isEqualTo(id);
        }
    }

    @Test
    void commitsWithSignaturesAndMultiLineHeadersPassGitsStrictChecks() throws Exception {
        String tree = GitOracle.run(repo, new byte[0], "mktree").trim();
        Revision signed = Revision.builder()
                .directory(ObjectId.fromHex(tree))
                .author(Person.of("A U Thor", "author@example.org"), Timestamp.of(1428538899, "+0800"))
                .committer(Person.of("C O Mitter", "committer@example.org"), Timestamp.of(1428538899, "-0000"))
                .extraHeader("encoding", "ISO-8859-1")
                .extraHeader("gpgsig", "-----BEGIN PGP SIGNATURE-----\n\niQIcBAABAgAGBQJVJcYs\n=x1Ab\n"
                        + "-----END PGP SIGNATURE-----")
                .message("signed\n\nbody\n")
                .build();
        String id = GitOracle.run(repo, Manifests.revision(signed), "hash-object", "-t", "commit", "-w", "--stdin")
                .trim();
        assertThat(signed.id().toHex()).isEqualTo(id);
        byte[] stored = GitOracle.runBytes(repo, null, Map.of(), "cat-file", "commit", id);
        assertThat(stored).isEqualTo(Manifests.revision(signed));
        // Fails (non-zero exit) if git finds anything wrong with the stored objects.
        GitOracle.run(repo, null, "fsck", "--strict", "--no-dangling");
    }

    @Test
    void randomTagsAreAcceptedByGitMktagWithTheSameId() throws Exception {
        String tree = GitOracle.run(repo, new byte[0], "mktree").trim();
        String commit = GitOracle.run(repo, "first\n".getBytes(StandardCharsets.UTF_8), "commit-tree", tree).trim();
        String blob = GitOracle.run(repo, "data\n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin")
                .trim();
        List<String[]> targets = new ArrayList<>(List.of(
                new String[] {"revision", commit}, new String[] {"directory", tree}, new String[] {"content", blob}));
        for (int round = 0; round < 12; round++) {
            String[] target = targets.get(random.nextInt(targets.size()));
            Release.Builder b = Release.builder()
                    .name("v" + random.nextInt(10) + "." + random.nextInt(10) + "/" + randomWord())
                    .target(ObjectType.fromModelName(target[0]).orElseThrow(), ObjectId.fromHex(target[1]))
                    .author(Person.of(randomWord(), randomWord() + "@example.org"), randomTimestamp())
                    .message(Bytes.wrap(randomMessage()));
            Release ours = b.build();
            String id = GitOracle.run(repo, Manifests.release(ours), "mktag").trim();
            assertThat(ours.id().toHex()).as("round %d", round).isEqualTo(id);
            assertThat(GitOracle.runBytes(repo, null, Map.of(), "cat-file", "tag", id))
                    .isEqualTo(Manifests.release(ours));
            targets.add(new String[] {"release", id});
        }
    }

    @Test
    void snapshotsHashLikeGitHashObjectLiterally() throws Exception {
        for (int round = 0; round < 5; round++) {
            List<SnapshotBranch> branches = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                Bytes name = Bytes.utf8("refs/heads/" + randomWord() + i);
                BranchTarget t = switch (random.nextInt(3)) {
                    case 0 -> BranchTarget.DANGLING;
                    case 1 -> new BranchTarget.Alias(Bytes.utf8("refs/heads/" + randomWord()));
                    default -> new BranchTarget.ToObject(ObjectType.REVISION, randomId());
                };
                branches.add(new SnapshotBranch(name, t));
            }
            String id = GitOracle.run(repo, Manifests.snapshot(branches), "hash-object", "--literally", "-t",
                    "snapshot", "--stdin").trim();
            assertThat(Snapshot.of(branches).id().toHex()).isEqualTo(id);
        }
    }

    private List<DirectoryEntry> randomEntries(int count) {
        List<DirectoryEntry> entries = new ArrayList<>();
        java.util.Set<Bytes> names = new java.util.HashSet<>();
        while (entries.size() < count) {
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            int parts = 1 + random.nextInt(3);
            for (int i = 0; i < parts; i++) {
                name.writeBytes(NAME_PARTS[random.nextInt(NAME_PARTS.length)]);
            }
            Bytes n = Bytes.wrap(name.toByteArray());
            if (n.equals(Bytes.utf8(".")) || !names.add(n)) {
                continue;
            }
            entries.add(switch (random.nextInt(6)) {
                case 0, 1 -> new DirectoryEntry(n, EntryType.DIR, DirectoryEntry.DIRECTORY_PERMS, randomId());
                case 2 -> new DirectoryEntry(n, EntryType.FILE, DirectoryEntry.EXECUTABLE_PERMS, randomId());
                case 3 -> new DirectoryEntry(n, EntryType.FILE, DirectoryEntry.SYMLINK_PERMS, randomId());
                case 4 -> new DirectoryEntry(n, EntryType.REV, DirectoryEntry.REVISION_PERMS, randomId());
                default -> new DirectoryEntry(n, EntryType.FILE, DirectoryEntry.FILE_PERMS, randomId());
            });
        }
        return entries;
    }

    private ObjectId randomId() {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return ObjectId.of(b);
    }

    private String randomWord() {
        String[] words = {"ada", "linus", "grace", "Zoë", "bob", "dev", "main", "x"};
        return words[random.nextInt(words.length)];
    }

    private Timestamp randomTimestamp() {
        long seconds = random.nextInt(2_000_000_000);
        int minutes = (random.nextInt(14 * 60 * 2) - 14 * 60) / 15 * 15;
        return Timestamp.ofOffsetMinutes(seconds, 0, minutes, false);
    }

    private byte[] randomMessage() {
        String[] lines = {"fix", "", "Signed-off-by: x <x@y>", "été", "  indented"};
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(lines[random.nextInt(lines.length)]).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String name(Person p) {
        String s = p.fullname().toStringUtf8();
        return s.substring(0, s.indexOf(" <"));
    }

    private static String email(Person p) {
        String s = p.fullname().toStringUtf8();
        return s.substring(s.indexOf('<') + 1, s.length() - 1);
    }
}
