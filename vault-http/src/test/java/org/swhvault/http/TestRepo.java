package org.swhvault.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.swhvault.spi.swhid.Swhid;

/**
 * A small git repository made with the git binary: a text file with non-ASCII bytes, an executable, a
 * symlink, nested directories, two commits, a lightweight and an annotated tag.
 */
public final class TestRepo {
    public final Path dir;
    public final Path home;
    public final Swhid tree;
    public final Swhid firstTree;
    public final Swhid head;
    public final Swhid release;
    public final Swhid blob;

    private TestRepo(Path dir, Path home, Swhid tree, Swhid firstTree, Swhid head, Swhid release, Swhid blob) {
        this.dir = dir;
        this.home = home;
        this.tree = tree;
        this.firstTree = firstTree;
        this.head = head;
        this.release = release;
        this.blob = blob;
    }

    public static TestRepo create(Path parent) throws IOException {
        Path home = Files.createDirectories(parent.resolve("home"));
        Path dir = Files.createDirectories(parent.resolve("repo"));
        git(dir, home, "init", "-q", "-b", "main", ".");
        Files.writeString(dir.resolve("README.md"), "Héllo, vault! \u65e5\u672c\n", StandardCharsets.UTF_8);
        Path script = dir.resolve("bin/run.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("README.md"));
        Files.createDirectories(dir.resolve("docs/deep"));
        Files.write(dir.resolve("docs/deep/data.bin"), new byte[] {0, 1, 2, (byte) 0xff, '\n', 'x'});
        git(dir, home, "add", "-A");
        git(dir, home, "commit", "-q", "-m", "first");
        String firstTree = git(dir, home, "rev-parse", "HEAD^{tree}");
        Files.writeString(dir.resolve("docs/second.txt"), "second commit\n");
        git(dir, home, "add", "-A");
        git(dir, home, "commit", "-q", "-m", "second");
        git(dir, home, "tag", "v1", "HEAD~1");
        git(dir, home, "tag", "-a", "-m", "release two", "v2");
        return new TestRepo(dir, home,
                Swhid.parse("swh:1:dir:" + git(dir, home, "rev-parse", "HEAD^{tree}")),
                Swhid.parse("swh:1:dir:" + firstTree),
                Swhid.parse("swh:1:rev:" + git(dir, home, "rev-parse", "HEAD")),
                Swhid.parse("swh:1:rel:" + git(dir, home, "rev-parse", "v2")),
                Swhid.parse("swh:1:cnt:" + git(dir, home, "rev-parse", "HEAD:README.md")));
    }

    public String git(String... args) {
        return git(dir, home, args);
    }

    private static String git(Path dir, Path home, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        return Processes.check(dir, home, command);
    }
}
