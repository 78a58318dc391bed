package org.swhvault.core.cook;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.cook.CookerConformanceTest;
import org.swhvault.testing.git.SampleRepositories;

/** The three built-in cookers pass the cooker conformance suite on the sample history. */
class BuiltInCookersConformanceTest {
    @TempDir
    static Path tmp;
    static GitObjectSource source;
    static Swhid snapshot;
    static Swhid head;
    static Swhid tree;

    @BeforeAll
    static void open() {
        source = GitObjectSource.open(SampleRepositories.history(tmp.resolve("history")).dir());
        snapshot = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
        ObjectId branch = source.currentSnapshot().branches().stream()
                .map(SnapshotBranch::target)
                .filter(t -> t instanceof BranchTarget.ToObject o && o.type() == ObjectType.REVISION)
                .map(t -> ((BranchTarget.ToObject) t).id())
                .findFirst().orElseThrow();
        Revision r = source.revision(branch).orElseThrow();
        head = Swhid.of(ObjectType.REVISION, r.id());
        tree = Swhid.of(ObjectType.DIRECTORY, r.directory());
    }

    @AfterAll
    static void close() {
        source.close();
    }

    abstract static class OnTheSampleHistory extends CookerConformanceTest {
        @Override
        protected ObjectSource source() {
            return source;
        }
    }

    @Nested
    class Flat extends OnTheSampleHistory {
        @Override
        protected Cooker cooker() {
            return new FlatCooker();
        }

        @Override
        protected List<Swhid> cookable() {
            return List.of(tree, head);
        }

        @Override
        protected List<Swhid> refused() {
            return List.of(snapshot);
        }
    }

    @Nested
    class Gitfast extends OnTheSampleHistory {
        @Override
        protected Cooker cooker() {
            return new GitfastCooker();
        }

        @Override
        protected List<Swhid> cookable() {
            return List.of(head);
        }

        @Override
        protected List<Swhid> refused() {
            return List.of(tree, snapshot);
        }
    }

    @Nested
    class GitBare extends OnTheSampleHistory {
        @Override
        protected Cooker cooker() {
            return new GitBareCooker();
        }

        @Override
        protected List<Swhid> cookable() {
            return List.of(tree, head, snapshot);
        }

        @Override
        protected List<Swhid> refused() {
            return List.of();
        }
    }
}
