package org.swhvault.core.cook.gitbare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;

class IdSetTest {
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

    private static ObjectId random(Random random) {
        byte[] b = new byte[ObjectId.LENGTH];
        random.nextBytes(b);
        return ObjectId.of(b);
    }
}
