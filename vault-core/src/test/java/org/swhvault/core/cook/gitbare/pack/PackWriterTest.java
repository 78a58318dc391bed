package org.swhvault.core.cook.gitbare.pack;

import org.swhvault.core.internal.io.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.gitbare.pack.GitObjectFixture.Obj;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackWriterTest {
    private static final List<Obj> SAMPLE = GitObjectFixture.sample(11, 600).objects();

    @TempDir
    Path tmp;

    private PackFile write(List<Obj> objects, Function<PackWriterBuilder, PackWriterBuilder> settings)
            throws IOException {
        Path dir = Files.createTempDirectory(tmp, "w");
        try (PackWriter writer = settings.apply(PackWriter.builder(dir)).open()) {
            for (int i = 0; i < objects.size(); i++) {
                Obj o = objects.get(i);
                if (i % 3 == 0) {
                    writer.add(o.type(), o.id(), o.body().length, new ByteArrayInputStream(o.body()));
                } else {
                    writer.add(o.type(), o.id(), o.body());
                }
            }
            return writer.finish();
        }
    }

    private Path bareRepository(PackFile pack) throws IOException {
        Path repo = Files.createTempDirectory(tmp, "repo").resolve("r.git");
        IsolatedGit.in(repo.getParent()).command("init", "-q", "--bare", repo.toString()).run();
        Path packDir = repo.resolve("objects/pack");
        Files.copy(pack.packPath(), packDir.resolve(pack.name() + ".pack"));
        Files.copy(pack.indexPath(), packDir.resolve(pack.name() + ".idx"));
        return repo;
    }

    @Test
    void gitVerifiesFsckAndReadsBackEveryObject() throws IOException {
        try (PackFile pack = write(SAMPLE, b -> b.threads(2))) {
            Path repo = bareRepository(pack);
            Path idx = repo.resolve("objects/pack/" + pack.name() + ".idx");

            String verify = IsolatedGit.in(repo).command("verify-pack", "-v", idx.toString()).run().stdoutText();
            Map<String, String> listed = verify.lines().filter(l -> l.matches("[0-9a-f]{40} .*"))
                    .collect(Collectors.toMap(l -> l.substring(0, 40), l -> l.split(" +")[1] + " " + l.split(" +")[2]));
            assertThat(listed).hasSize(SAMPLE.size());
            for (Obj o : SAMPLE) {
                assertThat(listed.get(o.id().toHex())).isEqualTo(o.type().gitName() + " " + o.body().length);
            }
            Obj head = SAMPLE.get(SAMPLE.size() - 2);
            IsolatedGit.in(repo).command("update-ref", "refs/heads/master", head.id().toHex()).run();
            IsolatedGit.in(repo).command("fsck", "--full", "--strict", "--no-dangling").run();
            assertThat(IsolatedGit.in(repo).command("count-objects", "-v").run().stdoutText())
                    .contains("in-pack: " + SAMPLE.size() + "\n", "packs: 1\n", "count: 0\n");

            assertThat(catFileBatch(repo, SAMPLE)).isEqualTo(expectedBatch(SAMPLE));
            assertThat(IsolatedGit.in(repo).command("cat-file", "-t", head.id().toHex()).run().stdoutText())
                    .isEqualTo("commit\n");
            assertThat(IsolatedGit.in(repo).command("cat-file", "-s", SAMPLE.get(1).id().toHex()).run().stdoutText())
                    .isEqualTo("5000000\n");
            assertThat(IsolatedGit.in(repo).command("cat-file", "-p", head.id().toHex()).run().stdoutText())
                    .isEqualTo(new String(head.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void indexAndNameEqualWhatGitIndexPackComputes() throws IOException {
        try (PackFile pack = write(SAMPLE, b -> b.threads(2))) {
            Path otherIdx = tmp.resolve("git.idx");
            String name = IsolatedGit.in(tmp).command("index-pack", "-o", otherIdx.toString(), pack.packPath().toString())
                    .run().stdoutText().trim();

            assertThat("pack-" + name).isEqualTo(pack.name());
            assertThat(Files.readAllBytes(pack.indexPath())).isEqualTo(Files.readAllBytes(otherIdx));
            assertThat(pack.packSize()).isEqualTo(Files.size(pack.packPath()));
            assertThat(pack.objectCount()).isEqualTo(SAMPLE.size());
        }
    }

    @Test
    void bytesAreTheSameForAnyThreadCountAnnouncedCountAndSpilledIndex() throws IOException {
        try (PackFile one = write(SAMPLE, b -> b.threads(1));
                PackFile two = write(SAMPLE, b -> b.threads(2));
                PackFile eight = write(SAMPLE, b -> b.threads(8).objectCount(SAMPLE.size()));
                PackFile spilled = write(SAMPLE, b -> b.threads(3).indexChunkCapacity(97))) {
            byte[] pack = Files.readAllBytes(one.packPath());
            byte[] idx = Files.readAllBytes(one.indexPath());
            for (PackFile other : List.of(two, eight, spilled)) {
                assertThat(Files.readAllBytes(other.packPath())).isEqualTo(pack);
                assertThat(Files.readAllBytes(other.indexPath())).isEqualTo(idx);
                assertThat(other.name()).isEqualTo(one.name());
            }
        }
    }

    @Test
    void anEmptyPackIsValid() throws IOException {
        try (PackFile pack = write(List.of(), b -> b)) {
            IsolatedGit.in(tmp).command("index-pack", "-o", tmp.resolve("e.idx").toString(), pack.packPath().toString())
                    .run();
            assertThat(Files.readAllBytes(pack.indexPath())).isEqualTo(Files.readAllBytes(tmp.resolve("e.idx")));
        }
    }

    @Test
    void largeOffsetsGoToTheEightByteTable() throws IOException {
        Path idx = tmp.resolve("large.idx");
        List<ObjectId> ids = new ArrayList<>();
        try (PackIndexBuilder index = new PackIndexBuilder(tmp, 3)) {
            long[] offsets = {12, 0x7fffffffL, 0x80000000L, 5_000_000_000L, 1L << 40, 77};
            for (int i = 0; i < offsets.length; i++) {
                ObjectId id = Identifiers.sha1(("object " + i).getBytes(StandardCharsets.US_ASCII));
                ids.add(id);
                index.add(id, offsets[i], i * 1000);
            }
            try (var out = Files.newOutputStream(idx)) {
                index.write(new byte[20], out);
            }
            String shown = IsolatedGit.in(tmp).command("show-index").stdin(idx).run().stdoutText();
            for (int i = 0; i < offsets.length; i++) {
                assertThat(shown).contains(offsets[i] + " " + ids.get(i).toHex()
                        + String.format(" (%08x)", i * 1000) + "\n");
            }
        }
    }

    @Test
    void packStreamedIntoATarIsACloneableBareRepository() throws IOException {
        Obj head = SAMPLE.get(SAMPLE.size() - 2);
        Path archive = tmp.resolve("bundle.tar");
        try (PackFile pack = write(SAMPLE, b -> b.threads(2)); var file = Files.newOutputStream(archive)) {
            TarWriter tar = new TarWriter(file);
            String root = "swh:1:rev:" + head.id().toHex() + ".git";
            tar.directory(Bytes.utf8(root));
            tar.file(Bytes.utf8(root + "/HEAD"), 0644, "ref: refs/heads/master\n".getBytes(StandardCharsets.US_ASCII));
            tar.file(Bytes.utf8(root + "/config"), 0644,
                    "[core]\n\trepositoryformatversion = 0\n\tbare = true\n".getBytes(StandardCharsets.US_ASCII));
            for (String d : List.of("objects", "objects/pack", "refs", "refs/heads", "refs/tags")) {
                tar.directory(Bytes.utf8(root + "/" + d));
            }
            try (InputStream in = pack.openPack()) {
                tar.file(Bytes.utf8(root + "/objects/pack/" + pack.name() + ".pack"), 0444, pack.packSize(), in);
            }
            try (InputStream in = pack.openIndex()) {
                tar.file(Bytes.utf8(root + "/objects/pack/" + pack.name() + ".idx"), 0444, pack.indexSize(), in);
            }
            tar.file(Bytes.utf8(root + "/refs/heads/master"), 0644,
                    (head.id().toHex() + "\n").getBytes(StandardCharsets.US_ASCII));
            tar.finish();
        }
        Path out = Files.createDirectory(tmp.resolve("x"));
        Processes.run(out, "tar", "-xf", archive.toString());
        Path repo = out.resolve("swh:1:rev:" + head.id().toHex() + ".git");
        IsolatedGit.in(repo).command("fsck", "--strict").run();
        IsolatedGit.in(out).command("clone", "-q", "--no-local", repo.toString(), "work").run();

        assertThat(IsolatedGit.in(out.resolve("work")).command("log", "--format=%H %s").run().stdoutText())
                .startsWith(head.id().toHex() + " second\n");
        assertThat(Files.readString(out.resolve("work/run.sh"))).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(Files.size(out.resolve("work/big.bin"))).isEqualTo(5_000_000);
    }

    @Test
    void verificationReportsObjectsThatDoNotHashToTheirIds() throws IOException {
        Obj good = SAMPLE.get(0);
        ObjectId wrong = SAMPLE.get(5).id();
        byte[] big = SAMPLE.get(1).body();
        List<String> reported = new ArrayList<>();
        try (PackFile pack = write(List.of(good, new Obj(GitObjectType.BLOB, wrong, "placeholder".getBytes()),
                new Obj(GitObjectType.BLOB, SAMPLE.get(6).id(), big)),
                b -> b.verifyIds(true).onIdMismatch((t, given, actual) -> reported.add(given + "!=" + actual)))) {
            assertThat(pack.objectCount()).isEqualTo(3);
        }
        assertThat(reported).containsExactly(
                wrong + "!=" + Identifiers.hash("blob", "placeholder".getBytes()),
                SAMPLE.get(6).id() + "!=" + SAMPLE.get(1).id());

        assertThatThrownBy(() -> write(List.of(new Obj(GitObjectType.BLOB, wrong, new byte[1])),
                b -> b.verifyIds(true)))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT))
                .hasMessageContaining("does not hash to its id");
        assertThat(write(List.of(new Obj(GitObjectType.BLOB, wrong, new byte[1])), b -> b).objectCount()).isEqualTo(1);
    }

    @Test
    void misuseIsReported() throws IOException {
        Obj o = SAMPLE.get(2);
        assertThatThrownBy(() -> write(List.of(o, o), b -> b)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> write(List.of(o), b -> b.objectCount(2))).isInstanceOf(IllegalStateException.class);
        Path dir = Files.createTempDirectory(tmp, "m");
        try (PackWriter writer = PackWriter.builder(dir).open()) {
            assertThatThrownBy(() -> writer.add(o.type(), o.id(), 10, new ByteArrayInputStream(new byte[3])))
                    .isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> writer.add(o.type(), o.id(), 2_000_000, new ByteArrayInputStream(new byte[3])))
                    .isInstanceOf(EOFException.class);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty(); // close() without finish() removed the temporary pack
        }
    }

    private static byte[] catFileBatch(Path repo, List<Obj> objects) throws IOException {
        Path ids = repo.resolve("ids.txt");
        Files.writeString(ids, objects.stream().map(o -> o.id().toHex() + "\n").collect(Collectors.joining()));
        return IsolatedGit.in(repo).command("cat-file", "--batch").stdin(ids).run().stdout();
    }

    private static byte[] expectedBatch(List<Obj> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Obj o : objects) {
            out.writeBytes((o.id().toHex() + " " + o.type().gitName() + " " + o.body().length + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(o.body());
            out.write('\n');
        }
        return out.toByteArray();
    }
}
