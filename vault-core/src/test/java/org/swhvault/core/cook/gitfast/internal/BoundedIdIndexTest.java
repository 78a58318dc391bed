package org.swhvault.core.cook.gitfast.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IdIndex} past its heap budget, in mapped files, against a map and a list. */
class BoundedIdIndexTest {
    @TempDir
    Path temp;

    @Test
    void behavesLikeAnInsertionOrderedMapOnceInFiles() throws IOException {
        Random random = new Random(11);
        List<ObjectId> order = new ArrayList<>();
        // 4 KiB of heap for two indexes, regions of 1 KiB: the tables double many times in files.
        try (WorkArea area = WorkArea.bounded(temp, 4096, 1024)) {
            IdIndex first = new IdIndex(area, "first");
            IdIndex second = new IdIndex(area, "second");
            Map<ObjectId, Integer> oracle = new HashMap<>();
            int maxFiles = 0;
            for (int i = 0; i < 30_000; i++) {
                ObjectId id;
                if (i % 5 == 0 && !order.isEmpty()) {
                    // an id added before, or one differing from it in a single byte
                    byte[] raw = order.get(random.nextInt(order.size())).toByteArray();
                    if (random.nextBoolean()) {
                        raw[random.nextInt(20)] ^= (byte) (1 + random.nextInt(255));
                    }
                    id = ObjectId.of(raw);
                } else {
                    byte[] raw = new byte[20];
                    random.nextBytes(raw);
                    id = ObjectId.of(raw);
                }
                Integer expected = oracle.get(id);
                assertThat(first.indexOf(id)).isEqualTo(expected == null ? -1 : expected);
                int added = first.add(id);
                if (expected == null) {
                    assertThat(added).isEqualTo(order.size());
                    oracle.put(id, added);
                    order.add(id);
                } else {
                    assertThat(added).isEqualTo(expected);
                }
                second.add(id);
                maxFiles = Math.max(maxFiles, area.fileCount());
            }
            assertThat(maxFiles).isEqualTo(4);
            assertThat(area.heapBytes()).isLessThanOrEqualTo(4096);
            assertThat(first.size()).isEqualTo(order.size()).isEqualTo(second.size());
            for (int i = 0; i < order.size(); i++) {
                assertThat(first.get(i)).isEqualTo(order.get(i));
                assertThat(second.indexOf(order.get(i))).isEqualTo(i);
            }
            assertThat(first.contains(ObjectId.fromHex("00".repeat(20)))).isFalse();
            try (Stream<Path> files = Files.walk(temp)) {
                assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(4);
            }
            first.close();
            second.close();
            assertThat(area.fileCount()).isZero();
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }
}
