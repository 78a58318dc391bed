package org.swhvault.source.swhrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.CompleteView;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.ExceptionBody;
import org.swhvault.swhrpc.SwhMsgpack;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the source makes of a server that fails, masks, lies or talks nonsense: transient failures retried,
 * masked contents hidden and masked objects refused by name, objects that do not hash to their ids refused as
 * corrupt, and every other failure one sentence that names the server.
 */
class RpcFailuresTest {
    static final ExceptionBody QUERY_TIMEOUT = ExceptionBody.of("QueryTimeout", "swh.storage.exc",
            "Timeout during revision_get");

    final MemorySourceBuilder archive = MemoryObjectSource.builder();
    final ObjectId file = archive.content("visible\n");
    final ObjectId hidden = archive.hiddenContent("hidden\n".getBytes(StandardCharsets.UTF_8));
    final ObjectId absent = archive.absentContent("absent\n".getBytes(StandardCharsets.UTF_8));
    final ObjectId taken = archive.content("taken down\n");
    final ObjectId sub = archive.directory(t -> t.file("b", "b\n"));
    final ObjectId dir = archive.directory(t -> t.file("a", "visible\n").hiddenFile("h", "hidden\n")
            .absentFile("s", "absent\n").missingFile("m", "missing\n").file("t", "taken down\n").directory("sub", sub));
    final ObjectId root = archive.revision(r -> r.directory(dir).message("root\n"));
    final ObjectId head = archive.revision(r -> r.directory(sub).parents(root).message("head\n"));
    final MemoryObjectSource memory = archive.build();
    StorageRpcServer server;
    SwhStorageRpcSource source;

    void serve(ObjectSource archived) {
        server = StorageRpcServer.serve(archived);
        source = SwhStorageRpcSource.builder(server.url()).retries(2).retryDelay(Duration.ofMillis(1)).build();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
            server.close();
        }
    }

    static VaultException failure(Runnable read) {
        try {
            read.run();
        } catch (VaultException e) {
            return e;
        }
        throw new AssertionError("the read did not fail");
    }

    @Test
    void contentsReadWithTheirStatusAsTheArchiveHasThem() {
        serve(memory);
        Map<ObjectId, Content> read = source.contents(List.of(file, hidden, absent, ObjectId.fromHex("ab".repeat(20))));
        assertThat(read).isEqualTo(memory.contents(List.of(file, hidden, absent)));
        assertThat(server.calls("content/metadata")).isEqualTo(1);
        assertThat(failure(() -> source.openContent(hidden)).code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE);
        assertThat(failure(() -> source.openContent(absent)).code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE);
        assertThat(failure(() -> source.openContent(ObjectId.fromHex("ab".repeat(20)))).code())
                .isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    void aServerThatCannotBeReachedFailsWithASentenceNamingIt() {
        serve(memory);
        server.close();
        VaultException e = failure(() -> source.directory(dir));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE);
        assertThat(e.getMessage()).startsWith("swh-storage at " + server.url() + " cannot be reached")
                .endsWith("on POST /directory/get_entries (3 attempts).");
    }

    /** The JDK's client gives a refused connection no message: the sentence said "(ConnectException)". */
    @Test
    void aRefusedConnectionIsSaidInWordsNotWithAJavaClassName() {
        serve(memory);
        server.close();
        VaultException e = failure(() -> source.directory(dir));
        assertThat(e.getMessage()).isEqualTo("swh-storage at " + server.url() + " cannot be reached (connection refused)"
                + " on POST /directory/get_entries (3 attempts).");
    }

    @Test
    void unavailableAnswersAreRetriedUntilTheServerAnswers() {
        serve(memory);
        server.fail("revision", 503, QUERY_TIMEOUT);
        server.script("revision", new StorageRpcServer.Scripted(502, "text/html",
                "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(source.revision(head)).isEqualTo(memory.revision(head));
        assertThat(server.calls("revision")).isEqualTo(3);
    }

    @Test
    void unavailableAnswersFailOnceTheRetriesAreSpent() {
        serve(memory);
        for (int i = 0; i < 3; i++) {
            server.fail("revision", 503, QUERY_TIMEOUT);
        }
        VaultException e = failure(() -> source.revision(head));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE);
        assertThat(e.getMessage()).isEqualTo("swh-storage at " + server.url() + " 503 QueryTimeout: Timeout during "
                + "revision_get on POST /revision (3 attempts).");
    }

    @Test
    void aServerErrorIsOneSentenceWithTheRemoteExceptionAndIsNotRetried() {
        serve(memory);
        server.fail("release", 500, ExceptionBody.of("ValueError", "builtins", "boom"));
        VaultException e = failure(() -> source.release(head));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE);
        assertThat(e.getMessage()).isEqualTo("swh-storage at " + server.url()
                + " failed POST /release (500): ValueError: boom.");
        assertThat(server.calls("release")).isEqualTo(1);
    }

    @Test
    void anAnswerThatStopsHalfwayFailsWhenNothingMoreComesWithinTheTimeout() {
        server = StorageRpcServer.serve(memory);
        source = SwhStorageRpcSource.builder(server.url()).timeout(Duration.ofMillis(300)).build();
        server.stall("revision");
        VaultException e = failure(() -> source.revision(head));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE);
        assertThat(e.getMessage()).isEqualTo("swh-storage at " + server.url() + " lost the answer to POST /revision: "
                + "no byte of the answer came within 300 ms.");
    }

    @Test
    void aServerWithoutTheEndpointIsSaidToBeNoStorageServer() {
        serve(memory);
        server.fail("snapshot/get_branches", 404, ExceptionBody.of("NotFound", "werkzeug.exceptions", "404 Not Found"));
        assertThat(failure(() -> source.snapshot(head)).getMessage()).isEqualTo("swh-storage at " + server.url()
                + " has no endpoint /snapshot/get_branches (404): is it swh-storage's RPC server?");
    }

    @Test
    void aMaskedContentIsHiddenAndItsBytesAreUnavailable() throws IOException {
        serve(memory);
        server.mask(Swhid.of(ObjectType.CONTENT, taken));
        Map<ObjectId, Content> read = source.contents(List.of(file, taken, hidden));
        assertThat(read.get(taken)).isEqualTo(new Content(taken, 0, ContentStatus.HIDDEN));
        assertThat(read.get(file)).isEqualTo(memory.content(file).orElseThrow());
        assertThat(read.get(hidden).status()).isEqualTo(ContentStatus.HIDDEN);
        VaultException e = failure(() -> source.openContent(taken));
        assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE);
        // the bundle is cooked, with the placeholder of a hidden content
        new FlatCooker().cook(Swhid.of(ObjectType.DIRECTORY, dir), source, new ByteArrayOutputStream(),
                CookContext.silent());
    }

    @Test
    void aMaskedDirectoryOrRevisionCannotBeReadAndIsNamed() {
        serve(memory);
        server.mask(Swhid.of(ObjectType.DIRECTORY, sub), Swhid.of(ObjectType.REVISION, root));
        VaultException dirFailure = failure(() -> source.directory(sub));
        assertThat(dirFailure.code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE);
        assertThat(dirFailure.getMessage()).startsWith("swh:1:dir:" + sub + " is masked by swh-storage at "
                + server.url() + " and cannot be read (MaskedObjectException: Some objects are masked: swh:1:dir:"
                + sub + " by request ");
        VaultException log = failure(() -> source.revisionLog(head).count());
        assertThat(log.code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE);
        assertThat(log.getMessage()).startsWith("swh:1:rev:" + root + " is masked");
        assertThat(failure(() -> source.revision(root)).code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE);
        assertThat(source.revision(head)).isPresent();
    }

    @Test
    void aBodyThatIsNotMsgpackIsASourceFailure() {
        serve(memory);
        server.script("revision", new StorageRpcServer.Scripted(200, "text/html",
                "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(failure(() -> source.revision(head)).getMessage()).isEqualTo("swh-storage at " + server.url()
                + " answered POST /revision with text/html, not msgpack: is it swh-storage's RPC server?");
        server.script("revision", new StorageRpcServer.Scripted(200, SwhMsgpack.CONTENT_TYPE, new byte[] {(byte) 0x93,
                (byte) 0xc0}));
        VaultException cut = failure(() -> source.revision(head));
        assertThat(cut.code()).isEqualTo(ErrorCode.SOURCE_FAILURE);
        assertThat(cut.getMessage()).contains("answered POST /revision with a body swh-core could not have written: "
                + "the message is cut short");
        server.script("revision", new StorageRpcServer.Scripted(200, SwhMsgpack.CONTENT_TYPE,
                StorageCodec.CODEC.encode(List.of(Map.of("id", "not bytes")))));
        VaultException shape = failure(() -> source.revision(head));
        assertThat(shape.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
        assertThat(shape.getMessage()).isEqualTo("swh-storage at " + server.url() + " serves swh:1:rev:" + head
                + " in a form that cannot be read: the id of the Revision is a str, not bytes.");
    }

    @Test
    void anObjectThatDoesNotHashToItsIdIsCorrupt() {
        serve(new ForwardingObjectSource(memory) {
            @Override
            public Optional<Revision> revision(ObjectId id) {
                return delegate.revision(id).map(r -> new Revision(r.id(), r.directory(), r.parents(), r.author(),
                        r.date(), r.committer(), r.committerDate(), r.extraHeaders(),
                        Optional.of(Bytes.utf8("forged\n")), r.type(), r.synthetic(), r.rawManifest()));
            }
        });
        VaultException e = failure(() -> source.revision(head));
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
        assertThat(e.getMessage()).startsWith("swh:1:rev:" + head + " as swh-storage at " + server.url()
                + " serves it hashes to ").contains(", not to its id");
        assertThat(failure(() -> source.revisionLog(head).count()).code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
    }

    @Test
    void entriesThatDoNotHashToTheirDirectoryWithoutRawManifestAreCorrupt() {
        serve(new ForwardingObjectSource(memory) {
            @Override
            public Optional<Directory> directory(ObjectId id) {
                return delegate.directory(id).map(d -> new Directory(d.id(), d.entries().subList(1, d.entries().size()),
                        Optional.empty()));
            }
        });
        VaultException e = failure(() -> source.directory(dir));
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
        assertThat(e.getMessage()).isEqualTo("swh:1:dir:" + dir + " as swh-storage at " + server.url()
                + " serves it hashes to another id, and the archive keeps no raw manifest of it.");
    }

    @Test
    void aDisplayNameTheMaskingProxyAppliesMakesTheRevisionCorruptAndIsNamedAsTheLikelyCause() {
        serve(memory);
        server.displayName("author@example.org", "Known As <author@example.org>");
        VaultException e = failure(() -> source.revision(head));
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
        assertThat(e.getMessage()).endsWith(", not to its id (swh-storage's masking proxy replaces the persons it "
                + "has display names for, ignore_displayname or not).");
    }

    @Test
    void contentBytesThatDoNotHashToTheirIdFailAtTheirEnd() throws IOException {
        serve(new ForwardingObjectSource(memory) {
            @Override
            public InputStream openContent(ObjectId id) {
                return new java.io.ByteArrayInputStream("VISIBLE\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        try (InputStream in = source.openContent(file)) {
            byte[] start = in.readNBytes(7);
            assertThat(new String(start, StandardCharsets.UTF_8)).isEqualTo("VISIBLE");
            VaultException e = failure(() -> {
                try {
                    in.readAllBytes();
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            });
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_OBJECT);
            assertThat(e.getMessage()).startsWith("The bytes swh-storage serves for swh:1:cnt:" + file + " hash to ");
        }
    }

    @Test
    void aMissingRevisionOnAMirrorIsNotYetAvailableNotAHole() {
        serve(new ForwardingObjectSource(memory) {
            @Override
            public Optional<Revision> revision(ObjectId id) {
                return id.equals(root) ? Optional.empty() : delegate.revision(id);
            }
        });
        assertThat(source.unwrap(org.swhvault.spi.source.EventuallyConsistent.class)).containsSame(source);
        VaultException e = failure(() -> {
            try {
                new GitfastCooker().cook(Swhid.of(ObjectType.REVISION, head), CompleteView.of(source,
                        Swhid.of(ObjectType.REVISION, head)), new ByteArrayOutputStream(), CookContext.silent());
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        });
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE);
        assertThat(e.getMessage()).isEqualTo("swh:1:rev:" + root + " is not yet available on this mirror.");
    }
}
