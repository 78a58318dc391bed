package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.testing.PseudoRandomBytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Many objects take one call per batch, large listings one call per page, a long log one call plus a batch per
 * revisions not kept, and a content's bytes stream through however large they are (up to the limit).
 */
class BatchesAndPagesTest {
    final MemorySourceBuilder archive = MemoryObjectSource.builder();
    StorageRpcServer server;
    SwhStorageRpcSource source;

    void serve(SwhStorageRpcSource.Builder options) {
        server = StorageRpcServer.serve(archive.build());
        source = options == null ? SwhStorageRpcSource.open(server.url()) : options.build();
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    @Test
    void manyContentsTakeOneCallPerBatch() {
        List<ObjectId> ids = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            ids.add(archive.content("content " + i + "\n"));
        }
        serve(null);
        Map<ObjectId, Content> read = source.contents(ids);
        assertThat(read).hasSize(2500);
        assertThat(server.calls("content/metadata")).isEqualTo(3);
        assertThat(server.calls("content/skipped/find")).isZero();
    }

    @Test
    void aLargeDirectoryIsListedPageByPage() {
        ObjectId dir = archive.directory(t -> {
            for (int i = 0; i < 2500; i++) {
                t.file(String.format("f%05d", i), "content " + i + "\n");
            }
        });
        serve(null);
        assertThat(Identifiers.of(source.directory(dir).orElseThrow())).isEqualTo(dir);
        assertThat(server.calls("directory/get_entries")).isEqualTo(3);
        assertThat(server.calls("directory/get_raw_manifest")).isZero();
    }

    @Test
    void aLongLogTakesOneCallThenBatchesForTheRevisionsNotKept() {
        ObjectId dir = archive.directory(t -> t.file("README", "hi\n"));
        ObjectId head = archive.revision(r -> r.directory(dir).message("0\n"));
        for (int i = 1; i < 2500; i++) {
            ObjectId parent = head;
            String message = i + "\n";
            head = archive.revision(r -> r.directory(dir).parents(parent).message(message));
        }
        MemoryObjectSource memory = archive.build();
        server = StorageRpcServer.serve(memory);
        source = SwhStorageRpcSource.builder(server.url()).batchSize(1000).build();
        List<ObjectId> expected;
        try (Stream<Revision> log = memory.revisionLog(head)) {
            expected = log.map(Revision::id).toList();
        }
        try (Stream<Revision> log = source.revisionLog(head, 100)) {
            assertThat(log.map(Revision::id).toList()).isEqualTo(expected);
        }
        assertThat(server.calls("revision/log")).isEqualTo(1);
        assertThat(server.calls("revision")).isEqualTo(3);
    }

    @Test
    void aLargeContentStreamsThroughAndIsChecked() throws IOException {
        byte[] big = new PseudoRandomBytes(7, 3 << 20).slice(0, 3 << 20);
        ObjectId id = archive.content(big);
        serve(null);
        try (InputStream in = source.openContent(id)) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
    }

    @Test
    void aContentOverTheLimitIsRefusedBeforeItsBytesAreAskedFor() {
        ObjectId id = archive.content(new byte[100_000]);
        server = StorageRpcServer.serve(archive.build());
        source = SwhStorageRpcSource.builder(server.url()).maxContentSize(99_999).build();
        assertThatThrownBy(() -> source.openContent(id)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BUNDLE_TOO_LARGE))
                .hasMessage("swh:1:cnt:" + id + " is 100000 bytes long, more than the 99999 bytes this source reads "
                        + "in one answer.");
        assertThat(server.calls("content/data")).isZero();
    }
}
