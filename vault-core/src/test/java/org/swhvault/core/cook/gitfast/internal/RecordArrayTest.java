package org.swhvault.core.cook.gitfast.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordArrayTest {
    @TempDir
    Path temp;

    @Test
    void recordsSurviveTheMoveToAFileAndGrowthOverManyRegions() throws IOException {
        // 1 KiB of heap, regions of 256 bytes: 12 records of 20 bytes, 64 ints.
        Random random = new Random(3);
        try (WorkArea area = WorkArea.bounded(temp, 1024, 256)) {
            RecordArray ids = new RecordArray(area, "ids", 20, 4);
            RecordArray ints = new RecordArray(area, "ints", 4, 4);
            List<byte[]> idOracle = new ArrayList<>();
            List<Integer> intOracle = new ArrayList<>();
            boolean sawHeap = false;
            for (int i = 0; i < 5_000; i++) {
                byte[] id = new byte[20];
                random.nextBytes(id);
                ids.ensure(i + 1);
                ids.put(i, id, 0);
                idOracle.add(id);
                ints.ensure(i + 1);
                ints.putInt(i, random.nextInt());
                intOracle.add(ints.getInt(i));
                sawHeap |= !ints.inFile();
                if (i % 997 == 0) {
                    // rewrite an old record: writes go where reads look
                    int j = random.nextInt(i + 1);
                    ints.putInt(j, i);
                    intOracle.set(j, i);
                }
            }
            assertThat(sawHeap).isTrue();
            assertThat(ids.inFile()).isTrue();
            assertThat(ints.inFile()).isTrue();
            assertThat(ids.capacity()).isGreaterThanOrEqualTo(5_000);
            byte[] back = new byte[20];
            for (int i = 0; i < idOracle.size(); i++) {
                ids.get(i, back, 0);
                assertThat(back).isEqualTo(idOracle.get(i));
                assertThat(ids.matches(i, idOracle.get(i))).isTrue();
                byte[] other = idOracle.get(i).clone();
                other[19] ^= 1;
                assertThat(ids.matches(i, other)).isFalse();
                assertThat(ints.getInt(i)).isEqualTo(intOracle.get(i));
            }
            assertThat(area.fileCount()).isEqualTo(2);
            assertThat(area.heapBytes()).isZero();
            ids.close();
            assertThat(area.fileCount()).isEqualTo(1);
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void newRecordsAreZeros() {
        try (WorkArea area = WorkArea.bounded(temp, 0, 64)) {
            RecordArray ints = new RecordArray(area, "ints", 4, 3);
            assertThat(ints.inFile()).isTrue();
            ints.putInt(2, 7);
            ints.ensure(100);
            for (int i = 0; i < 100; i++) {
                assertThat(ints.getInt(i)).isEqualTo(i == 2 ? 7 : 0);
            }
        }
    }

    @Test
    void unusableDirectoryIsAnUncheckedIOExceptionOnlyWhenAFileIsNeeded() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("plain"), "x");
        try (WorkArea area = WorkArea.bounded(notADirectory, 100)) {
            RecordArray small = new RecordArray(area, "ints", 4, 25);
            assertThat(small.inFile()).isFalse();
            assertThatThrownBy(() -> small.ensure(26))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(notADirectory.toString());
            assertThat(small.getInt(0)).isZero();
        }
    }

    @Test
    void heapOnlyAreaNeverMakesFiles() {
        WorkArea area = WorkArea.heapOnly();
        RecordArray ids = new RecordArray(area, "ids", 20, 1);
        ids.ensure(100_000);
        assertThat(ids.inFile()).isFalse();
        assertThat(area.heapBytes()).isEqualTo(ids.capacity() * 20L);
        ids.close();
        assertThat(area.heapBytes()).isZero();
    }
}
