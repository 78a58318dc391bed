package org.swhvault.core.cook.gitbare.pack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.gitbare.pack.GitObjectFixture.Obj;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

/** Packs with deltas, checked by git: {@code index-pack}, {@code verify-pack}, {@code fsck}, {@code cat-file}. */
class PackWriterDeltaTest {
    @TempDir
    Path tmp;

    /** An object and the delta group it is added with. */
    private record Grouped(Obj obj, long group) {
    }

    /** What {@code git verify-pack -v} says of one object. */
    private record Listed(String type, long size, int depth, String base) {
    }

    /** {@code count} versions of a text, newest first, each older one with a line changed. */
    private static List<byte[]> versions(long seed, int count, int lines) {
        Random random = new Random(seed);
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            text.add("line " + i + " of a file that changes a little in each version, " + random.nextInt() + "\n");
        }
        List<byte[]> out = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            out.add(String.join("", text).getBytes(StandardCharsets.US_ASCII));
            int at = random.nextInt(text.size());
            if (random.nextInt(3) == 0 && text.size() > lines / 2) {
                text.remove(at);
            } else {
                text.set(at, "edited in version " + v + ": " + random.nextLong() + "\n");
            }
        }
        return out;
    }

    private static List<Grouped> group(String path, List<byte[]> bodies) {
        long group = DeltaOrder.group(GitObjectType.BLOB, PathHash.child(PathHash.ROOT, Bytes.utf8(path)));
        List<Grouped> out = new ArrayList<>();
        for (byte[] body : bodies) {
            out.add(new Grouped(new Obj(GitObjectType.BLOB, Identifiers.hash("blob", body), body), group));
        }
        return out;
    }

    /** Two files of 300 versions, a file of 40, an empty blob and a tiny one, in delta order. */
    private static List<Grouped> sample() {
        List<Grouped> all = new ArrayList<>(group("a.txt", versions(1, 300, 120)));
        all.addAll(group("b.txt", versions(2, 300, 60)));
        all.addAll(group("c.txt", versions(3, 40, 400)));
        all.addAll(group("empty", List.of(new byte[0])));
        all.addAll(group("tiny", List.of("tiny\n".getBytes(StandardCharsets.US_ASCII))));
        return all;
    }

    private PackFile write(List<Grouped> objects, Function<PackWriterBuilder, PackWriterBuilder> settings)
            throws IOException {
        Path dir = Files.createTempDirectory(tmp, "w");
        try (PackWriter writer = settings.apply(PackWriter.builder(dir).verifyIds(true)).open()) {
            for (int i = 0; i < objects.size(); i++) {
                Obj o = objects.get(i).obj();
                if (i % 4 == 0) {
                    writer.add(o.type(), o.id(), o.body().length, new ByteArrayInputStream(o.body()), objects.get(i).group());
                } else {
                    writer.add(o.type(), o.id(), o.body(), objects.get(i).group());
                }
            }
            return writer.finish();
        }
    }

    /** Lists the pack's objects with {@code git verify-pack -v}, which reads the pack beside its index. */
    private Map<String, Listed> verifyPack(Path dir, PackFile pack) throws IOException {
        Path repo = bareRepository(pack);
        String index = repo.resolve("objects/pack/" + pack.name() + ".idx").toString();
        String out = IsolatedGit.in(dir).command("verify-pack", "-v", index).run().stdoutText();
        return out.lines().filter(l -> l.matches("[0-9a-f]{40} .*")).map(l -> l.split(" +")).collect(Collectors.toMap(
                f -> f[0], f -> new Listed(f[1], Long.parseLong(f[2]), f.length == 7 ? Integer.parseInt(f[5]) : 0,
                        f.length == 7 ? f[6] : null)));
    }

    @Test
    void similarObjectsBecomeOffsetDeltasThatGitResolvesToTheSameIds() throws IOException {
        List<Grouped> sample = sample();
        try (PackFile pack = write(sample, b -> b.threads(2).deltas(10, 50))) {
            Path idx = tmp.resolve("git.idx");
            String name = IsolatedGit.in(tmp).command("index-pack", "--strict", "-o", idx.toString(),
                    pack.packPath().toString()).run().stdoutText().trim();
            assertThat("pack-" + name).isEqualTo(pack.name());
            assertThat(Files.readAllBytes(pack.indexPath())).isEqualTo(Files.readAllBytes(idx));

            Map<String, Listed> listed = verifyPack(tmp, pack);
            assertThat(listed).hasSize(sample.size());
            long deltas = listed.values().stream().filter(l -> l.base() != null).count();
            assertThat(deltas).isGreaterThan(600);
            assertThat(listed.values()).allMatch(l -> l.depth() <= 50);
            assertThat(listed.values().stream().mapToInt(Listed::depth).max().orElseThrow()).isGreaterThan(10);
            for (Grouped g : sample) {
                if (g.obj().body().length < 50) {
                    assertThat(listed.get(g.obj().id().toHex()).base()).as("tiny objects are stored whole").isNull();
                }
            }

            Path repo = bareRepository(pack);
            IsolatedGit.in(repo).command("fsck", "--full", "--strict", "--no-dangling").run();
            assertThat(catFileBatch(repo, sample)).isEqualTo(expectedBatch(sample));
            long whole = sample.stream().mapToLong(g -> g.obj().body().length).sum();
            assertThat(pack.packSize()).as("deltas make the pack far smaller than its objects").isLessThan(whole / 20);
        }
    }

    @Test
    void chainsAreNeverDeeperThanTheDepthGiven() throws IOException {
        List<Grouped> sample = sample();
        try (PackFile pack = write(sample, b -> b.threads(2).deltas(10, 4))) {
            Map<String, Listed> listed = verifyPack(tmp, pack);
            assertThat(listed.values().stream().mapToInt(Listed::depth).max().orElseThrow()).isEqualTo(4);
            IsolatedGit.in(tmp).command("index-pack", "--strict", "-o", tmp.resolve("d.idx").toString(),
                    pack.packPath().toString()).run();
        }
    }

    @Test
    void theBytesAreTheSameForAnyThreadCount() throws IOException {
        List<Grouped> sample = sample();
        for (long batch : List.of((long) PackWriter.DELTA_BATCH_BYTES, 20_000L)) {
            try (PackFile one = write(sample, b -> b.threads(1).deltas(10, 50).deltaBatchBytes(batch));
                    PackFile two = write(sample, b -> b.threads(2).deltas(10, 50).deltaBatchBytes(batch));
                    PackFile five = write(sample, b -> b.threads(5).deltas(10, 50).deltaBatchBytes(batch))) {
                byte[] bytes = Files.readAllBytes(one.packPath());
                assertThat(Files.readAllBytes(two.packPath())).isEqualTo(bytes);
                assertThat(Files.readAllBytes(five.packPath())).isEqualTo(bytes);
                assertThat(Files.readAllBytes(five.indexPath())).isEqualTo(Files.readAllBytes(one.indexPath()));
            }
        }
    }

    @Test
    void batchesEndingInsideAPathContinueItsWindowSoTheDeltasDoNotChange() throws IOException {
        List<Grouped> oneFile = group("a.txt", versions(4, 500, 100));
        try (PackFile big = write(oneFile, b -> b.threads(2).deltas(10, 50));
                PackFile small = write(oneFile, b -> b.threads(2).deltas(10, 50).deltaBatchBytes(10_000))) {
            assertThat(Files.readAllBytes(small.packPath())).isEqualTo(Files.readAllBytes(big.packPath()));
            assertThat(verifyPack(tmp, small).values().stream().filter(l -> l.base() == null).count())
                    .as("whole objects: the newest and one per chain of fifty").isLessThanOrEqualTo(11);
        }
    }

    @Test
    void objectsOfTheLargeSizeOrMoreAreStoredWholeAndTheRestStillDelta() throws IOException {
        List<Grouped> large = group("large", versions(5, 6, 1600)); // about 100 KB each
        List<Grouped> small = group("small", versions(6, 6, 400));
        List<Grouped> all = new ArrayList<>(large);
        all.addAll(small);
        try (PackFile pack = write(all, b -> b.threads(2).deltas(10, 50).largeObjectThreshold(64 << 10))) {
            Map<String, Listed> listed = verifyPack(tmp, pack);
            for (Grouped g : large) {
                assertThat(g.obj().body().length).isGreaterThan(64 << 10);
                assertThat(listed.get(g.obj().id().toHex()).base()).isNull();
            }
            assertThat(small.stream().filter(g -> listed.get(g.obj().id().toHex()).base() != null)).hasSize(5);
            Path repo = bareRepository(pack);
            assertThat(catFileBatch(repo, all)).isEqualTo(expectedBatch(all));
        }
    }

    private Path bareRepository(PackFile pack) throws IOException {
        Path repo = Files.createTempDirectory(tmp, "repo").resolve("r.git");
        IsolatedGit.in(repo.getParent()).command("init", "-q", "--bare", repo.toString()).run();
        Files.copy(pack.packPath(), repo.resolve("objects/pack/" + pack.name() + ".pack"));
        Files.copy(pack.indexPath(), repo.resolve("objects/pack/" + pack.name() + ".idx"));
        return repo;
    }

    private static byte[] catFileBatch(Path repo, List<Grouped> objects) throws IOException {
        Path ids = repo.resolve("ids.txt");
        Files.writeString(ids, objects.stream().map(g -> g.obj().id().toHex() + "\n").collect(Collectors.joining()));
        return IsolatedGit.in(repo).command("cat-file", "--batch").stdin(ids).run().stdout();
    }

    private static byte[] expectedBatch(List<Grouped> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Grouped g : objects) {
            Obj o = g.obj();
            out.writeBytes((o.id().toHex() + " " + o.type().gitName() + " " + o.body().length + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(o.body());
            out.write('\n');
        }
        return out.toByteArray();
    }
}
