package org.swhvault.source.swhrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.CompleteView;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bundles cooked through swh-storage's RPC are the bundles cooked from the git repository the server serves:
 * byte for byte, for flat, gitfast and git-bare (packed object by object on both sides, since no stored objects
 * can be copied through RPC). And every odd object git can hold reads the same through RPC as from git.
 */
class CookedThroughRpcTest {
    @TempDir
    static Path tmp;
    static GitFixture history;
    static GitObjectSource git;
    static StorageRpcServer server;
    static SwhStorageRpcSource rpc;
    static Map<String, SampleRepositories.Literal> literals;

    @BeforeAll
    static void serve() {
        history = SampleRepositories.history(tmp.resolve("history"));
        literals = SampleRepositories.literalObjects(history);
        git = GitObjectSource.open(history.dir());
        server = StorageRpcServer.serve(git);
        rpc = SwhStorageRpcSource.builder(server.url()).pageSize(3).batchSize(5).build();
    }

    @AfterAll
    static void stop() {
        rpc.close();
        server.close();
        git.close();
    }

    static Swhid swhid(ObjectType type, String hex) {
        return Swhid.of(type, ObjectId.fromHex(hex));
    }

    static byte[] cook(Cooker cooker, Swhid swhid, ObjectSource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cooker.cook(swhid, CompleteView.of(source, swhid), out, CookContext.silent());
        return out.toByteArray();
    }

    static void assertSameBundle(Cooker cooker, Swhid swhid) throws IOException {
        byte[] direct = cook(cooker, swhid, git);
        byte[] throughRpc = cook(cooker, swhid, rpc);
        assertThat(throughRpc).as("%s of %s", cooker, swhid).hasSizeGreaterThan(0).isEqualTo(direct);
    }

    @Test
    void flatBundlesAreTheSame() throws IOException {
        FlatCooker flat = new FlatCooker();
        assertSameBundle(flat, swhid(ObjectType.DIRECTORY, history.revParse("main^{tree}")));
        assertSameBundle(flat, swhid(ObjectType.REVISION, history.revParse("main")));
    }

    @Test
    void gitfastBundlesAreTheSame() throws IOException {
        assertSameBundle(new GitfastCooker(), swhid(ObjectType.REVISION, history.revParse("main")));
        assertSameBundle(new GitfastCooker(), swhid(ObjectType.REVISION, history.revParse("literal")));
    }

    @Test
    void gitBareBundlesAreTheSame() throws IOException {
        GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
        assertSameBundle(bare, swhid(ObjectType.REVISION, history.revParse("main")));
        assertSameBundle(bare, swhid(ObjectType.RELEASE, history.revParse("refs/tags/v1.0-signed")));
        assertSameBundle(bare, swhid(ObjectType.DIRECTORY, history.revParse("main^{tree}")));
        assertSameBundle(bare, Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id()));
    }

    @Test
    void everyOddObjectReadsTheSameThroughRpcAsFromGit() {
        for (Map.Entry<String, SampleRepositories.Literal> e : literals.entrySet()) {
            ObjectId id = ObjectId.fromHex(e.getValue().id());
            for (Function<ObjectSource, Object> read : List.<Function<ObjectSource, Object>>of(s -> s.revision(id),
                    s -> s.directory(id), s -> s.release(id))) {
                assertThat(outcome(read, rpc)).as(e.getKey()).isEqualTo(outcome(read, git));
            }
        }
    }

    /** What a read gives, or the code of its failure. */
    static Object outcome(Function<ObjectSource, Object> read, ObjectSource source) {
        try {
            return read.apply(source);
        } catch (VaultException e) {
            return e.code();
        }
    }
}
