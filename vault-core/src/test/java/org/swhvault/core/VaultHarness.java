package org.swhvault.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.cook.TestCooker;

/**
 * A vault under test: an archive of a few directories, a real filesystem store, and a clock, scheduler and
 * executor that move only when the test says so.
 */
final class VaultHarness implements AutoCloseable {
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration BACKOFF = Duration.ofSeconds(5);

    final ManualClock clock = new ManualClock(START);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final ManualExecutor executor = new ManualExecutor();
    final MemoryObjectSource source;
    final List<Swhid> dirs = new ArrayList<>();
    final Swhid missingDir = Swhid.parse("swh:1:dir:" + "ab".repeat(20));
    final Swhid content;
    final FsBundleStore store;
    final TestCooker cooker = TestCooker.flat(TestCooker.writing(1000));

    VaultHarness(Path root) {
        this(root, 5);
    }

    VaultHarness(Path root, int directories) {
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        for (int i = 0; i < directories; i++) {
            String text = "file " + i + "\n";
            dirs.add(Swhid.of(ObjectType.DIRECTORY, archive.directory(t -> t.file("README", text))));
        }
        content = Swhid.of(ObjectType.CONTENT, archive.content("a content\n"));
        source = archive.build();
        try {
            store = FsBundleStore.open(root.resolve("store"), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A builder wired to this harness, ready to build. */
    VaultBuilder builder() {
        return Vault.builder()
                .source(source)
                .store(store)
                .cookers(Cookers.of(List.of(cooker)))
                .executor(executor)
                .maxConcurrentCooks(4)
                .scheduler(scheduler)
                .clock(clock)
                .leaseDuration(LEASE)
                .retryBackoff(BACKOFF)
                .shutdownGracePeriod(Duration.ZERO)
                .instanceId("test");
    }

    Swhid dir(int i) {
        return dirs.get(i);
    }

    BundleKey flat(int i) {
        return new BundleKey(BundleType.FLAT, dirs.get(i));
    }

    byte[] read(Vault vault, Swhid swhid) {
        try (OpenBundle bundle = vault.open(BundleType.FLAT, swhid); InputStream in = bundle.stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code action} and returns what was logged meanwhile: the tests' slf4j-simple writes to whatever
     * {@code System.err} is at the time, at WARN and above (simplelogger.properties).
     */
    static String logDuring(Runnable action) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        store.close();
    }
}
