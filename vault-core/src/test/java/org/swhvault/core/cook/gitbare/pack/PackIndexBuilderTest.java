package org.swhvault.core.cook.gitbare.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackIndexBuilderTest {
    @TempDir
    Path tmp;

    /** Ids equal in their first 16 bytes, so sorting cannot rely on the top bits alone. */
    private static List<ObjectId> idsWithACommonPrefix(int n, long seed) {
        Random random = new Random(seed);
        List<ObjectId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[20];
            b[0] = (byte) 0xab;
            for (int k = 16; k < 20; k++) {
                b[k] = (byte) random.nextInt();
            }
            ids.add(ObjectId.of(b));
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 300})
    void chunkSortsIdsThatShareTheirTopBitsByFullId(int n) throws IOException {
        List<ObjectId> ids = idsWithACommonPrefix(n, 1);
        IndexChunk chunk = new IndexChunk(1000);
        for (ObjectId id : ids) {
            chunk.add(id, 0, 0);
        }
        List<ObjectId> sorted = new ArrayList<>();
        try (IndexRecords records = chunk.sorted()) {
            while (records.next()) {
                sorted.add(ObjectId.of(records.id()));
            }
        }
        List<ObjectId> expected = new ArrayList<>(ids);
        Collections.sort(expected);
        assertThat(sorted).isEqualTo(expected);
    }

    @Test
    void spilledAndInMemoryIndexesAreIdenticalAndGitReadsThem() throws IOException {
        List<ObjectId> ids = idsWithACommonPrefix(500, 2);
        byte[] inMemory = index(ids, 1000);
        byte[] spilled = index(ids, 7);

        assertThat(spilled).isEqualTo(inMemory);
        Path idx = tmp.resolve("i.idx");
        Files.write(idx, spilled);
        String shown = IsolatedGit.in(tmp).command("show-index").stdin(idx).run().stdoutText();
        List<String> lines = shown.lines().toList();
        assertThat(lines).hasSize(500);
        List<ObjectId> expected = new ArrayList<>(ids);
        Collections.sort(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(lines.get(i)).startsWith(ids.indexOf(expected.get(i)) * 10L + " " + expected.get(i).toHex());
        }
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(idx); // runs and side files deleted
        }
    }

    @Test
    void duplicateIdsInDifferentRunsAreRejected() throws IOException {
        List<ObjectId> ids = new ArrayList<>(idsWithACommonPrefix(20, 3));
        ids.add(ids.get(2));
        assertThatThrownBy(() -> index(ids, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ids.get(2).toHex());
    }

    private byte[] index(List<ObjectId> ids, int chunkCapacity) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PackIndexBuilder builder = new PackIndexBuilder(tmp, chunkCapacity)) {
            for (int i = 0; i < ids.size(); i++) {
                builder.add(ids.get(i), i * 10L, i);
            }
            builder.write(new byte[20], out);
        }
        return out.toByteArray();
    }
}
