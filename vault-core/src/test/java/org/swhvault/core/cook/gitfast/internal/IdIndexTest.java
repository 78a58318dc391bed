package org.swhvault.core.cook.gitfast.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdIndexTest {
    @Test
    void behavesLikeAnInsertionOrderedMapOfIndexes() {
        Random random = new Random(1);
        IdIndex index = new IdIndex();
        Map<ObjectId, Integer> oracle = new HashMap<>();
        List<ObjectId> order = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            byte[] raw = new byte[20];
            random.nextBytes(raw);
            // Shared prefixes, as hand-made test ids have.
            if (i % 3 == 0) {
                raw[0] = raw[1] = raw[2] = raw[3] = raw[4] = raw[5] = raw[6] = raw[7] = 0x11;
            }
            ObjectId id = ObjectId.of(raw);
            int added = index.add(id);
            if (oracle.putIfAbsent(id, added) == null) {
                order.add(id);
            }
            if (added != oracle.get(id) || index.add(id) != added) {
                throw new AssertionError("wrong index for " + id + " at step " + i);
            }
        }
        assertThat(index.size()).isEqualTo(order.size());
        List<ObjectId> back = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            back.add(index.get(i));
            indexes.add(index.indexOf(order.get(i)));
        }
        assertThat(back).isEqualTo(order);
        assertThat(indexes).isSorted().doesNotHaveDuplicates().hasSize(order.size());
        assertThat(index.indexOf(ObjectId.fromHex("ff".repeat(20)))).isEqualTo(-1);
        assertThat(index.contains(order.get(7))).isTrue();
        assertThatThrownBy(() -> index.get(order.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
