package org.swhvault.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.source.ObjectSourceConformanceTest;

/** The memory source passes the conformance suite holding every object of the sample history, copied over. */
class MemoryObjectSourceConformanceTest extends ObjectSourceConformanceTest {
    @TempDir
    static Path tmp;
    static MemoryObjectSource source;
    static Swhid snapshot;

    @BeforeAll
    static void copyTheSampleHistory() {
        try (GitObjectSource git = GitObjectSource.open(SampleRepositories.history(tmp.resolve("history")).dir())) {
            MemorySourceBuilder builder = MemoryObjectSource.builder();
            Snapshot s = git.currentSnapshot();
            Deque<Swhid> todo = new ArrayDeque<>();
            for (SnapshotBranch b : s.branches()) {
                if (b.target() instanceof BranchTarget.ToObject o) {
                    todo.add(Swhid.of(o.type(), o.id()));
                }
            }
            Set<Swhid> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                Swhid next = todo.pop();
                if (!seen.add(next)) {
                    continue;
                }
                switch (next.type()) {
                    case RELEASE -> git.release(next.id()).ifPresent(r -> {
                        builder.add(r);
                        todo.add(Swhid.of(r.targetType(), r.target()));
                    });
                    case REVISION -> git.revision(next.id()).ifPresent(r -> {
                        builder.add(r);
                        todo.add(Swhid.of(ObjectType.DIRECTORY, r.directory()));
                        r.parents().forEach(p -> todo.add(Swhid.of(ObjectType.REVISION, p)));
                    });
                    case DIRECTORY -> git.directory(next.id()).ifPresent(d -> {
                        builder.add(d);
                        for (DirectoryEntry e : d.entries()) {
                            if (e.type() != EntryType.REV) {
                                todo.add(Swhid.of(e.type() == EntryType.DIR ? ObjectType.DIRECTORY : ObjectType.CONTENT,
                                        e.target()));
                            }
                        }
                    });
                    case CONTENT -> {
                        try (InputStream in = git.openContent(next.id())) {
                            builder.content(in.readAllBytes());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    default -> { }
                }
            }
            builder.add(s);
            source = builder.build();
            snapshot = Swhid.of(ObjectType.SNAPSHOT, s.id());
        }
    }

    @Override
    protected ObjectSource source() {
        return source;
    }

    @Override
    protected Swhid snapshot() {
        return snapshot;
    }
}
