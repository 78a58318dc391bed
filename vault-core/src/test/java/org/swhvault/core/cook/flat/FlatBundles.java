package org.swhvault.core.cook.flat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/** Cooks flat bundles and looks at them with the real {@code tar}, {@code find} and {@code diff} binaries. */
final class FlatBundles {
    /** One tar member as commons-compress reads it (names decoded as UTF-8, lossy for other bytes). */
    record Member(String name, char type, int mode, long uid, long gid, long mtime, String linkName, long size) {
    }

    /** One extracted file as {@code find} sees it: type, whether executable, raw path, raw link target. */
    record Node(char type, boolean executable, String path, String link) {
    }

    private FlatBundles() {
    }

    static byte[] cook(Swhid swhid, ObjectSource source) {
        return cook(new FlatCooker(), swhid, source, CookContext.silent());
    }

    static byte[] cook(FlatCooker cooker, Swhid swhid, ObjectSource source, CookContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            cooker.cook(swhid, source, out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Extracts a gzip tar with {@code tar -xzf} into a new directory under {@code tmp}; returns it. */
    static Path extract(byte[] tarGz, Path tmp, String label) {
        return untar(tarGz, tmp, label, "-xzf");
    }

    /** Extracts a plain tar (as {@code git archive} writes) into a new directory; returns it. */
    static Path extractTar(byte[] tar, Path tmp, String label) {
        return untar(tar, tmp, label, "-xf");
    }

    private static Path untar(byte[] archive, Path tmp, String label, String mode) {
        try {
            Path dir = Files.createDirectories(tmp.resolve(label));
            Path file = tmp.resolve(label + ".archive");
            Files.write(file, archive);
            Processes.run(dir, "tar", mode, file.toString(), "-C", dir.toString());
            Files.delete(file);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lists a tree with {@code find}: every file, directory and link below {@code root}, sorted by
     * raw path (bytes held as ISO-8859-1 chars, one per byte), with only the execute bit of the mode,
     * since extraction applies the umask.
     */
    static List<Node> nodes(Path root) {
        String out = new String(Processes.run(root, "find", ".", "-mindepth", "1", "-printf", "%y %m %p\\0%l\\0"),
                StandardCharsets.ISO_8859_1);
        String[] fields = out.split("\0", -1);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            String[] head = fields[i].split(" ", 3);
            boolean executable = (Integer.parseInt(head[1], 8) & 0100) != 0;
            char type = head[0].charAt(0);
            nodes.add(new Node(type, type == 'f' && executable, head[2], fields[i + 1]));
        }
        nodes.sort((a, b) -> a.path().compareTo(b.path()));
        return nodes;
    }

    /** Asserts that two extracted trees hold the same names, types, execute bits, link targets and bytes. */
    static void assertSameTree(Path actual, Path expected) {
        List<Node> expectedNodes = nodes(expected);
        assertThat(expectedNodes).isNotEmpty();
        assertThat(nodes(actual)).containsExactlyElementsOf(expectedNodes);
        // diff compares raw names and file bytes, and links as links.
        Processes.run(actual, "diff", "-r", "--no-dereference", actual.toString(), expected.toString());
    }

    /** Returns the git tree id of an extracted tree, computed by the git binary ({@code add -A}, {@code write-tree}). */
    static String gitTreeId(Path tree, Path tmp, String label) {
        Path repo = tmp.resolve(label + ".git");
        IsolatedGit.in(tmp).run("init", "-q", "--bare", repo.toString());
        Map<String, String> env = Map.of("GIT_DIR", repo.toString(), "GIT_WORK_TREE", tree.toString());
        IsolatedGit git = IsolatedGit.in(tree);
        git.command("-c", "core.bare=false", "add", "-A", "-f", ".").env(env).run();
        return git.command("-c", "core.bare=false", "write-tree").env(env).run().stdoutText().trim();
    }

    /** Reads every member header of a gzip tar with commons-compress. */
    static List<Member> members(byte[] tarGz) {
        List<Member> members = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(tarGz)), "ISO-8859-1")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                char type = e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : e.isFile() ? 'f' : '?';
                members.add(new Member(e.getName(), type, e.getMode(), e.getLongUserId(), e.getLongGroupId(),
                        e.getModTime().getTime() / 1000, e.getLinkName(), e.getSize()));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return members;
    }

    /** Asserts that every member lies under {@code root/} and no name has an empty, {@code .} or {@code ..} component. */
    static void assertMembersStayUnder(List<Member> members, String root) {
        assertThat(members).isNotEmpty();
        for (Member m : members) {
            String name = m.name().endsWith("/") ? m.name().substring(0, m.name().length() - 1) : m.name();
            assertThat(name).satisfiesAnyOf(n -> assertThat(n).isEqualTo(root),
                    n -> assertThat(n).startsWith(root + "/"));
            for (String part : name.split("/", -1)) {
                assertThat(part).isNotIn("", ".", "..");
            }
        }
    }
}
