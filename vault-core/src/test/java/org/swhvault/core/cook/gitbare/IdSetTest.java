package org.swhvault.core.cook.gitbare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdSetTest {
    @TempDir
    Path tmp;

    @Test
    void behavesLikeAHashSetThroughGrowth() {
        Random random = new Random(42);
        IdSet set = new IdSet();
        Set<ObjectId> oracle = new HashSet<>();
        List<ObjectId> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ObjectId id = i % 3 == 0 && !ids.isEmpty() ? ids.get(random.nextInt(ids.size())) : random(random);
            ids.add(id);
            assertThat(set.add(id)).isEqualTo(oracle.add(id));
        }
        assertThat(set.size()).isEqualTo(oracle.size());
        for (int i = 0; i < 10_000; i++) {
            ObjectId id = random(random);
            assertThat(set.contains(id)).isEqualTo(oracle.contains(id));
            assertThat(set.contains(ids.get(i))).isTrue();
        }
        ObjectId zero = ObjectId.of(new byte[ObjectId.LENGTH]);
        assertThat(set.contains(zero)).isFalse();
        assertThat(set.add(zero)).isTrue();
        assertThat(set.contains(zero)).isTrue();
    }

    @Test
    void pastItsHeapBudgetTheSetMovesToAFileAndStillBehavesLikeAHashSetThroughGrowth() throws Exception {
        Random random = new Random(43);
        Set<ObjectId> oracle = new HashSet<>();
        List<ObjectId> ids = new ArrayList<>();
        ObjectId zero = ObjectId.of(new byte[ObjectId.LENGTH]);
        try (IdSet set = new IdSet(tmp, 1 << 20)) {
            for (int i = 0; i < 300_000; i++) {
                ObjectId id = i % 3 == 0 && !ids.isEmpty() ? ids.get(random.nextInt(ids.size())) : random(random);
                ids.add(id);
                assertThat(set.add(id)).isEqualTo(oracle.add(id));
                if (i == 100) {
                    assertThat(set.inFile()).as("within the budget").isFalse();
                    assertThat(set.add(zero)).isTrue();
                    oracle.add(zero);
                }
            }
            // About 200,000 ids: the file doubled more than once, each time into a new one, the old deleted.
            assertThat(set.inFile()).isTrue();
            assertThat(set.size()).isEqualTo(oracle.size());
            assertThat(Files.list(tmp)).hasSize(1);
            assertThat(set.add(zero)).isFalse();
            assertThat(set.contains(zero)).isTrue();
            for (int i = 0; i < 20_000; i++) {
                ObjectId id = random(random);
                assertThat(set.contains(id)).isEqualTo(oracle.contains(id));
                assertThat(set.contains(ids.get(i * 15))).isTrue();
            }
        }
        assertThat(Files.list(tmp)).as("the file is deleted on close").isEmpty();
    }

    @Test
    void idsThatCollideInTheirHashesAndShareLongPrefixesAreKeptApart() {
        // Ids differing in one byte only, in every position: neighbours in the table, never equal.
        try (IdSet set = new IdSet(tmp, 0)) {
            Set<ObjectId> oracle = new HashSet<>();
            for (int position = 0; position < ObjectId.LENGTH; position++) {
                for (int value = 1; value < 256; value += 3) {
                    byte[] b = new byte[ObjectId.LENGTH];
                    java.util.Arrays.fill(b, (byte) 0x5a);
                    b[position] = (byte) value;
                    ObjectId id = ObjectId.of(b);
                    assertThat(set.add(id)).isEqualTo(oracle.add(id));
                }
            }
            assertThat(set.inFile()).isTrue();
            assertThat(set.size()).isEqualTo(oracle.size());
            for (ObjectId id : oracle) {
                assertThat(set.contains(id)).isTrue();
                assertThat(set.add(id)).isFalse();
            }
            byte[] other = new byte[ObjectId.LENGTH];
            java.util.Arrays.fill(other, (byte) 0x5a);
            other[7] = 2;
            assertThat(set.contains(ObjectId.of(other))).isFalse();
        }
    }

    @Test
    void aSetThatCannotCreateItsFileSaysWhere() {
        Path missing = tmp.resolve("gone");
        try (IdSet set = new IdSet(missing, 0)) {
            assertThatThrownBy(() -> set.add(random(new Random(1)))).isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining(missing.toString());
        }
    }

    @Test
    void theQueueGivesIdsBackInOrderAcrossBlocks() {
        Random random = new Random(7);
        IdQueue queue = new IdQueue();
        List<ObjectId> oracle = new ArrayList<>();
        List<ObjectId> out = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            int n = random.nextInt(9000);
            for (int i = 0; i < n; i++) {
                ObjectId id = random(random);
                queue.add(id);
                oracle.add(id);
            }
            out.addAll(queue.poll(random.nextInt(9000) + 1));
            assertThat(queue.size()).isEqualTo(oracle.size() - out.size());
        }
        while (!queue.isEmpty()) {
            out.addAll(queue.poll(1000));
        }
        assertThat(out).isEqualTo(oracle);
        assertThat(queue.poll(10)).isEmpty();
    }

    @Test
    void aQueuePastItsBudgetSpillsBlocksToAFileAndStillGivesIdsBackInOrder() {
        Random random = new Random(8);
        List<ObjectId> oracle = new ArrayList<>();
        List<ObjectId> out = new ArrayList<>();
        boolean spilled = false;
        try (IdQueue queue = new IdQueue(tmp, 0)) {
            for (int round = 0; round < 30; round++) {
                int n = random.nextInt(3 * IdQueue.BLOCK_IDS);
                for (int i = 0; i < n; i++) {
                    ObjectId id = random(random);
                    queue.add(id);
                    oracle.add(id);
                }
                spilled |= queue.spilled();
                out.addAll(queue.poll(random.nextInt(2 * IdQueue.BLOCK_IDS) + 1));
                assertThat(queue.size()).isEqualTo(oracle.size() - out.size());
            }
            while (!queue.isEmpty()) {
                out.addAll(queue.poll(1000));
            }
        }
        assertThat(spilled).isTrue();
        assertThat(out).isEqualTo(oracle);
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void sortingBeyondTheBudgetMergesSortedRunsFromFilesInTheSameStableOrder() {
        Random random = new Random(9);
        int n = 5 * IdQueue.BLOCK_IDS + 17;
        List<ObjectId> ids = new ArrayList<>();
        long[] tags = new long[n];
        try (IdQueue inMemory = new IdQueue(); IdQueue small = new IdQueue(tmp, 2L * IdQueue.BLOCK_BYTES)) {
            for (int i = 0; i < n; i++) {
                ids.add(random(random));
                tags[i] = random.nextInt(500); // many equal tags: their order must be kept
                inMemory.add(ids.get(i), tags[i]);
                small.add(ids.get(i), tags[i]);
            }
            assertThat(small.spilled()).isTrue();
            inMemory.sortByTagDescending();
            small.sortByTagDescending();
            assertThat(small.size()).isEqualTo(n);
            long[] expectedTags = new long[n];
            long[] actualTags = new long[n];
            List<ObjectId> sorted = small.poll(n, actualTags);
            assertThat(sorted).isEqualTo(inMemory.poll(n, expectedTags));
            assertThat(actualTags).isEqualTo(expectedTags);
            for (int i = 1; i < n; i++) {
                assertThat(expectedTags[i]).isLessThanOrEqualTo(expectedTags[i - 1]);
            }
            // Stable: among equal tags, the order they were added in.
            List<ObjectId> withTag7 = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (tags[i] == 7) {
                    withTag7.add(ids.get(i));
                }
            }
            List<ObjectId> sortedWithTag7 = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (actualTags[i] == 7) {
                    sortedWithTag7.add(sorted.get(i));
                }
            }
            assertThat(withTag7).hasSizeGreaterThan(10);
            assertThat(sortedWithTag7).isEqualTo(withTag7);
        }
        assertThat(tmp).isEmptyDirectory();
    }

    private static ObjectId random(Random random) {
        byte[] b = new byte[ObjectId.LENGTH];
        random.nextBytes(b);
        return ObjectId.of(b);
    }
}
