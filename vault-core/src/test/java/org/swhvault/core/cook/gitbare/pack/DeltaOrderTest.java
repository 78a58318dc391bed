package org.swhvault.core.cook.gitbare.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeltaOrderTest {
    @TempDir
    Path tmp;

    private record Out(GitObjectType type, ObjectId id, long group, byte[] body) {
        String describe() {
            return type + " " + (body == null ? "-" : new String(body, StandardCharsets.UTF_8));
        }
    }

    private static ObjectId id(String text) {
        return Identifiers.sha1(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long path(String... names) {
        long h = PathHash.ROOT;
        for (String name : names) {
            h = PathHash.child(h, Bytes.utf8(name));
        }
        return h;
    }

    private static List<Out> drain(DeltaOrder order) throws IOException {
        List<Out> out = new ArrayList<>();
        try (DeltaOrder.Cursor c = order.sorted()) {
            while (c.next()) {
                out.add(new Out(c.type(), c.id(), c.group(), c.body()));
            }
        }
        return out;
    }

    @Test
    void objectsComeBackByTypeThenPathWithTreesLargestFirstAndTheRestInTheOrderAdded() throws IOException {
        long readme = path("README");
        long docReadme = path("doc", "README");
        try (DeltaOrder order = new DeltaOrder(tmp, 1 << 20)) {
            order.add(GitObjectType.BLOB, id("b1"), readme, null);
            order.add(GitObjectType.TREE, id("t1"), path("src"), "t-small".getBytes(StandardCharsets.UTF_8));
            order.add(GitObjectType.COMMIT, id("c1"), PathHash.ROOT, "c1".getBytes(StandardCharsets.UTF_8));
            order.add(GitObjectType.BLOB, id("b2"), docReadme, null);
            order.add(GitObjectType.TREE, id("t2"), path("src"), "t-much-larger".getBytes(StandardCharsets.UTF_8));
            order.add(GitObjectType.TAG, id("g1"), PathHash.ROOT, "g1".getBytes(StandardCharsets.UTF_8));
            order.add(GitObjectType.BLOB, id("b3"), readme, null);
            order.add(GitObjectType.COMMIT, id("c2"), PathHash.ROOT, "c2".getBytes(StandardCharsets.UTF_8));
            order.add(GitObjectType.BLOB, id("b4"), docReadme, null);
            assertThat(order.size()).isEqualTo(9);

            List<Out> out = drain(order);
            assertThat(out.subList(0, 5)).extracting(Out::describe)
                    .containsExactly("COMMIT c1", "COMMIT c2", "TAG g1", "TREE t-much-larger", "TREE t-small");
            // Each path's versions stay together, in the order added.
            List<ObjectId> blobs = out.subList(5, 9).stream().map(Out::id).toList();
            assertThat(List.of(List.of(id("b1"), id("b3"), id("b2"), id("b4")), List.of(id("b2"), id("b4"), id("b1"),
                    id("b3")))).contains(blobs);
            assertThat(out.get(5).group()).isEqualTo(out.get(6).group()).isNotEqualTo(out.get(7).group());
            assertThat(out.get(5).body()).isNull();
        }
    }

    @Test
    void runsSpilledToDiskAndMergedComeBackInTheOrderMemoryGives() throws IOException {
        Random random = new Random(7);
        List<Object[]> objects = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            GitObjectType type = GitObjectType.values()[random.nextInt(4)];
            long where = path("dir" + random.nextInt(5), "f" + random.nextInt(40));
            byte[] body = type == GitObjectType.BLOB && random.nextBoolean() ? null
                    : ("body " + i + " ").repeat(1 + random.nextInt(30)).getBytes(StandardCharsets.UTF_8);
            objects.add(new Object[] {type, id("o" + i), where, body});
        }
        List<Out> inMemory;
        List<Out> spilled;
        Path runs = Files.createDirectory(tmp.resolve("runs"));
        try (DeltaOrder order = new DeltaOrder(tmp, 64 << 20)) {
            for (Object[] o : objects) {
                order.add((GitObjectType) o[0], (ObjectId) o[1], (long) o[2], (byte[]) o[3]);
            }
            inMemory = drain(order);
        }
        try (DeltaOrder order = new DeltaOrder(runs, 1 << 16)) {
            for (Object[] o : objects) {
                order.add((GitObjectType) o[0], (ObjectId) o[1], (long) o[2], (byte[]) o[3]);
            }
            try (Stream<Path> files = Files.list(runs)) {
                assertThat(files.count()).as("runs left after merging sixteen at a time").isBetween(2L, 16L);
            }
            spilled = drain(order);
        }
        try (Stream<Path> files = Files.list(runs)) {
            assertThat(files).isEmpty();
        }
        assertThat(spilled).hasSize(objects.size());
        for (int i = 0; i < spilled.size(); i++) {
            Out a = inMemory.get(i);
            Out b = spilled.get(i);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.type()).isEqualTo(a.type());
            assertThat(b.group()).isEqualTo(a.group());
            assertThat(b.body()).isEqualTo(a.body());
        }
    }

    @Test
    void anOrderIsReadOnceAndTakesNothingAfterwards() throws IOException {
        try (DeltaOrder order = new DeltaOrder(tmp, 1 << 16)) {
            order.add(GitObjectType.BLOB, id("x"), PathHash.ROOT, null);
            drain(order);
            assertThatThrownBy(order::sorted).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> order.add(GitObjectType.BLOB, id("y"), PathHash.ROOT, null))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> new DeltaOrder(tmp, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHashOfAPathContinuesFromItsParentsAndNamesTheFileByItsLastCharacters() {
        assertThat(path("a", "b")).isEqualTo(PathHash.child(path("a"), Bytes.utf8("b")));
        assertThat(path("a", "b")).isNotEqualTo(path("ab"));
        // git's name hash keeps the last sixteen characters: deeper directories do not change it.
        assertThat(PathHash.nameHash(path("deep", "x", "src/Makefile.in")))
                .isEqualTo(PathHash.nameHash(path("other", "y", "src/Makefile.in")));
        assertThat(path("deep", "x", "src/Makefile.in")).isNotEqualTo(path("other", "y", "src/Makefile.in"));
    }
}
