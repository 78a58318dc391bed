package org.swhvault.core.cook.gitfast;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cooks the sample history with the arrays of ids and marks in files (a heap budget of 0 and 1 KiB): the same
 * bytes as on the heap, which {@code git fast-import} turns back into the original commits, and no file left
 * in the temporary directory after a cook that succeeds, fails or is cancelled.
 */
class GitfastBoundedHeapTest {
    @TempDir
    static Path shared;
    static GitfastSamples.Sample sample;
    static GitObjectSource source;
    static Bundles.Cooked onHeap;

    @TempDir
    Path temp;

    @BeforeAll
    static void cookOnTheHeap() {
        sample = GitfastSamples.history(shared.resolve("original"));
        source = GitObjectSource.open(sample.git().dir());
        onHeap = Bundles.cook(source, ObjectId.fromHex(sample.head()));
    }

    @AfterAll
    static void closeSource() {
        source.close();
    }

    @Test
    void arraysInFilesGiveTheSameBytesAndTheOriginalCommits() throws IOException {
        for (long budget : new long[] {0, 1024}) {
            Path work = Files.createDirectories(temp.resolve("work-" + budget));
            Bundles.Cooked inFiles = Bundles.cook(new GitfastCooker(BundleCompression.GZIP, work, budget), source,
                    ObjectId.fromHex(sample.head()));

            assertThat(inFiles.gzip()).isEqualTo(onHeap.gzip());
            assertThat(inFiles.report()).isEqualTo(onHeap.report());
            assertThat(inFiles.importInto(temp.resolve("imported-" + budget)).revParse("refs/heads/master"))
                    .isEqualTo(sample.head());
            assertThat(entries(work)).isZero();
        }
    }

    @Test
    void cancelledCookLeavesNoFile() {
        AtomicLong filesWhileCooking = new AtomicLong();
        CookContext cancelHalfway = new CookContext() {
            private boolean cancelled;

            @Override
            public void progress(String message, long done, long total) {
                if (total > 0 && done * 2 >= total && !cancelled) {
                    filesWhileCooking.set(regularFiles(temp));
                    cancelled = true;
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
        assertThatThrownBy(() -> new GitfastCooker(BundleCompression.GZIP, temp, 0).cook(
                Swhid.of(ObjectType.REVISION, ObjectId.fromHex(sample.head())), source, new ByteArrayOutputStream(),
                cancelHalfway))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(filesWhileCooking.get()).isGreaterThanOrEqualTo(6);
        assertThat(entries(temp)).isZero();
    }

    @Test
    void failingCookLeavesNoFile() {
        AtomicLong filesWhileCooking = new AtomicLong();
        AtomicLong contents = new AtomicLong();
        ObjectSource failing = new ForwardingObjectSource(source) {
            @Override
            public InputStream openContent(ObjectId id) {
                if (contents.incrementAndGet() == 20) {
                    filesWhileCooking.set(regularFiles(temp));
                    throw new VaultException(ErrorCode.SOURCE_FAILURE, "The source broke down.");
                }
                return delegate.openContent(id);
            }
        };
        assertThatThrownBy(() -> Bundles.cook(new GitfastCooker(BundleCompression.ZSTD, temp, 0), failing,
                ObjectId.fromHex(sample.head())))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE));
        assertThat(filesWhileCooking.get()).isGreaterThanOrEqualTo(6);
        assertThat(entries(temp)).isZero();
    }

    @Test
    void otherCompressionKeepsTheTemporaryDirectory() throws IOException {
        GitfastCooker gzip = new GitfastCooker(BundleCompression.GZIP, temp, 0);
        GitfastCooker zstd = (GitfastCooker) gzip.compressedWith(BundleCompression.ZSTD).orElseThrow();
        AtomicLong files = new AtomicLong();
        zstd.cook(Swhid.of(ObjectType.REVISION, ObjectId.fromHex(sample.head())), source,
                new ByteArrayOutputStream(), new CookContext() {
                    @Override
                    public void progress(String message, long done, long total) {
                        files.accumulateAndGet(regularFiles(temp), Math::max);
                    }

                    @Override
                    public boolean isCancelled() {
                        return false;
                    }
                });
        assertThat(files.get()).isGreaterThanOrEqualTo(6);
        assertThat(entries(temp)).isZero();
    }

    @Test
    void providerPutsTemporaryFilesInTheHostsDirectory() {
        PluginContext host = new PluginContext("gitfast", Clock.systemUTC(),
                PluginContext.standalone("gitfast").executor(), temp);
        Cooker cooker = new GitfastCookerProvider().create(Map.of(), host);
        assertThat(cooker).hasToString("GitfastCooker[tmpdir=" + temp + "]");
        assertThat(cooker.compressedWith(BundleCompression.ZSTD).orElseThrow())
                .hasToString("GitfastCooker[compression=zstd, tmpdir=" + temp + "]");
        assertThat(new GitfastCooker()).hasToString("GitfastCooker");
    }

    private static long regularFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long entries(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
