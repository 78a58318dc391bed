package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.io.SizeLimitedOutputStream;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery, settings, cancellation and size limit: a failed cook leaves no temporary file behind. */
class GitBareCookerLifecycleTest {
    @TempDir
    Path tmp;

    MemoryObjectSource source;
    Swhid swhid;

    @BeforeEach
    void archive() {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        ObjectId first = archive.revision(r -> r.tree(t -> t.file("a", "a\n").file("b", "b\n")));
        ObjectId second = archive.revision(r -> r.parents(first).tree(t -> t.file("a", "c\n").file("d/e", "e\n")));
        swhid = Swhid.of(ObjectType.REVISION, second);
        source = archive.build();
    }

    @Test
    void theProviderIsDiscoveredForEveryAcceptedType() {
        Cookers cookers = Cookers.discover();
        for (ObjectType type : new ObjectType[] {ObjectType.DIRECTORY, ObjectType.REVISION, ObjectType.RELEASE,
                ObjectType.SNAPSHOT}) {
            assertThat(cookers.forObject(BundleType.GIT_BARE, type)).isInstanceOf(GitBareCooker.class);
        }
        assertThatThrownBy(() -> cookers.forObject(BundleType.GIT_BARE, ObjectType.CONTENT))
                .hasMessage("Object type CONTENT cannot be cooked as 'git-bare' bundle.");
    }

    @Test
    void theProviderChecksItsSettings() throws IOException {
        GitBareCookerProvider provider = new GitBareCookerProvider();
        assertThat(provider.bundleType()).isEqualTo(BundleType.GIT_BARE);
        assertThatThrownBy(() -> provider.create(Map.of("threads", "zero")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> provider.create(Map.of("tmpdir", tmp.resolve("nope").toString())))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> provider.create(Map.of("levle", "9")))
                .as("a mistyped setting is refused, not ignored").hasMessage("The git-bare cooker does not know the"
                        + " setting 'levle' (did you mean 'level'?); its settings are 'tmpdir', 'threads', 'level', 'reuse'.");
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        provider.create(Map.of("tmpdir", tmp.toString(), "threads", "2")).cook(swhid, source, a, CookContext.silent());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new GitBareCooker().cook(swhid, source, b, CookContext.silent());
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        assertNothingLeftIn(tmp);
    }

    @Test
    void aCancelledCookStopsAndLeavesNothingBehind() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        CookContext cancelLater = new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
                calls.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return calls.get() >= 2;
            }
        };
        for (GitBareCooker cooker : cookers()) {
            calls.set(0);
            assertThatThrownBy(() -> cooker.cook(swhid, source, new ByteArrayOutputStream(), cancelLater))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
            assertNothingLeftIn(tmp);
        }
    }

    @Test
    void aBundleOverTheSizeLimitFailsAndLeavesNothingBehind() throws IOException {
        for (GitBareCooker cooker : cookers()) {
            SizeLimitedOutputStream out = new SizeLimitedOutputStream(new ByteArrayOutputStream(), 2048);
            assertThatThrownBy(() -> cooker.cook(swhid, source, out, CookContext.silent()))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUNDLE_TOO_LARGE))
                    .hasMessage("The requested bundle exceeds the maximum allowed size of 2048 bytes.");
            assertNothingLeftIn(tmp);
        }
    }

    /**
     * The default cooker, and one whose structures go to disk at once (the set of ids seen in a mapped file,
     * the pack index in runs of one record): both leave nothing in the temporary directory.
     */
    private List<GitBareCooker> cookers() {
        return List.of(new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL),
                new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, true, Long.MAX_VALUE, 0));
    }

    private static void assertNothingLeftIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
