package org.swhvault.testing.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit 5 suite every {@link ObjectSource} passes. A subclass gives the source under test and a snapshot
 * it holds; the suite walks everything reachable from it (at most {@value #MAX_OBJECTS} objects) and checks
 * that every object hashes back to its own id (raw manifests included), that batch reads equal single reads,
 * that unknown ids read as empty rather than failing, that revision logs visit each ancestor once, and that
 * {@link ObjectSource#unwrap} follows its contract. The source is not closed by the suite.
 */
public abstract class ObjectSourceConformanceTest {
    /** The most objects the walk visits, so that a large fixture still makes a quick suite. */
    public static final int MAX_OBJECTS = 5_000;

    private Walk walk;

    /** Returns the source under test; the same instance for every call of one test. */
    protected abstract ObjectSource source();

    /** Returns a snapshot the source holds, from which the suite walks. */
    protected abstract Swhid snapshot();

    @BeforeEach
    void walkTheSnapshot() {
        walk = Walk.from(source(), snapshot());
    }

    @Test
    void theWalkFindsObjectsOfEveryKind() {
        assertThat(walk.snapshots).isNotEmpty();
        assertThat(walk.revisions).as("revisions reachable from the snapshot").isNotEmpty();
        assertThat(walk.directories).as("directories reachable from the snapshot").isNotEmpty();
        assertThat(walk.contents).as("contents reachable from the snapshot").isNotEmpty();
    }

    @Test
    void everyObjectHashesBackToItsOwnId() throws IOException {
        for (Snapshot s : walk.snapshots.values()) {
            assertThat(Identifiers.of(s)).as("snapshot %s", s.id()).isEqualTo(s.id());
        }
        for (Release r : walk.releases.values()) {
            assertThat(Identifiers.of(r)).as("release %s", r.id()).isEqualTo(r.id());
        }
        for (Revision r : walk.revisions.values()) {
            assertThat(Identifiers.of(r)).as("revision %s", r.id()).isEqualTo(r.id());
        }
        for (Directory d : walk.directories.values()) {
            assertThat(Identifiers.of(d)).as("directory %s", d.id()).isEqualTo(d.id());
        }
        for (Content c : walk.contents.values()) {
            if (c.status() == ContentStatus.VISIBLE) {
                byte[] bytes;
                try (InputStream in = source().openContent(c.sha1Git())) {
                    bytes = in.readAllBytes();
                }
                assertThat(Identifiers.content(bytes)).as("content %s", c.sha1Git()).isEqualTo(c.sha1Git());
                assertThat((long) bytes.length).as("length of content %s", c.sha1Git()).isEqualTo(c.length());
            }
        }
    }

    @Test
    void batchReadsGiveWhatSingleReadsGive() {
        List<ObjectId> dirs = new ArrayList<>(walk.directories.keySet());
        assertThat(source().directories(dirs)).containsExactlyInAnyOrderEntriesOf(walk.directories);
        List<ObjectId> revs = new ArrayList<>(walk.revisions.keySet());
        assertThat(source().revisions(revs)).containsExactlyInAnyOrderEntriesOf(walk.revisions);
        List<ObjectId> rels = new ArrayList<>(walk.releases.keySet());
        assertThat(source().releases(rels)).containsExactlyInAnyOrderEntriesOf(walk.releases);
        List<ObjectId> cnts = new ArrayList<>(walk.contents.keySet());
        assertThat(source().contents(cnts)).containsExactlyInAnyOrderEntriesOf(walk.contents);
    }

    @Test
    void unknownIdsReadAsEmptyNotAsFailures() {
        Random random = new Random(18670);
        List<ObjectId> unknown = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[ObjectId.LENGTH];
            random.nextBytes(bytes);
            unknown.add(ObjectId.of(bytes));
        }
        for (ObjectId id : unknown) {
            assertThat(source().directory(id)).isEmpty();
            assertThat(source().revision(id)).isEmpty();
            assertThat(source().release(id)).isEmpty();
            assertThat(source().snapshot(id)).isEmpty();
            assertThat(source().content(id)).isEmpty();
            for (ObjectType type : List.of(ObjectType.CONTENT, ObjectType.DIRECTORY, ObjectType.REVISION,
                    ObjectType.RELEASE, ObjectType.SNAPSHOT)) {
                assertThat(source().exists(Swhid.of(type, id))).isFalse();
            }
        }
        assertThat(source().directories(unknown)).isEmpty();
        assertThat(source().revisions(unknown)).isEmpty();
        assertThat(source().contents(unknown)).isEmpty();
    }

    @Test
    void existsAgreesWithTheReads() {
        walk.revisions.keySet().forEach(id -> assertThat(source().exists(Swhid.of(ObjectType.REVISION, id))).isTrue());
        walk.directories.keySet().forEach(id ->
                assertThat(source().exists(Swhid.of(ObjectType.DIRECTORY, id))).isTrue());
        walk.releases.keySet().forEach(id -> assertThat(source().exists(Swhid.of(ObjectType.RELEASE, id))).isTrue());
        assertThat(source().exists(snapshot())).isTrue();
    }

    @Test
    void aRevisionLogStartsAtItsHeadAndVisitsEveryAncestorOnce() {
        for (ObjectId head : walk.heads) {
            List<ObjectId> log;
            try (Stream<Revision> revisions = source().revisionLog(head)) {
                log = revisions.map(Revision::id).toList();
            }
            assertThat(log).as("log of %s", head).isNotEmpty().doesNotHaveDuplicates();
            assertThat(log.get(0)).isEqualTo(head);
            Set<ObjectId> ancestors = new LinkedHashSet<>();
            Deque<ObjectId> todo = new ArrayDeque<>(List.of(head));
            while (!todo.isEmpty()) {
                ObjectId id = todo.pop();
                Optional<Revision> r = source().revision(id);
                if (ancestors.add(id) && r.isPresent()) {
                    todo.addAll(r.get().parents());
                }
            }
            ancestors.removeIf(id -> source().revision(id).isEmpty());
            assertThat(log).as("log of %s", head).containsExactlyInAnyOrderElementsOf(ancestors);
        }
    }

    @Test
    void unwrapGivesTheSourceAsItsOwnInterfacesAndNothingElse() {
        assertThat(source().unwrap(ObjectSource.class)).isPresent();
        assertThat(source().unwrap(Runnable.class).isPresent()).isEqualTo(source() instanceof Runnable);
    }

    /** What the snapshot reaches, read one object at a time. */
    private static final class Walk {
        final Map<ObjectId, Snapshot> snapshots = new LinkedHashMap<>();
        final Map<ObjectId, Release> releases = new LinkedHashMap<>();
        final Map<ObjectId, Revision> revisions = new LinkedHashMap<>();
        final Map<ObjectId, Directory> directories = new LinkedHashMap<>();
        final Map<ObjectId, Content> contents = new LinkedHashMap<>();
        final Set<ObjectId> heads = new LinkedHashSet<>();

        static Walk from(ObjectSource source, Swhid snapshot) {
            Walk walk = new Walk();
            Snapshot s = source.snapshot(snapshot.id()).orElseThrow(
                    () -> new AssertionError("the source does not hold the fixture's snapshot " + snapshot));
            walk.snapshots.put(s.id(), s);
            Deque<Swhid> todo = new ArrayDeque<>();
            for (SnapshotBranch b : s.branches()) {
                if (b.target() instanceof BranchTarget.ToObject o) {
                    todo.add(Swhid.of(o.type(), o.id()));
                    if (o.type() == ObjectType.REVISION) {
                        walk.heads.add(o.id());
                    }
                }
            }
            Set<Swhid> seen = new HashSet<>();
            while (!todo.isEmpty() && seen.size() < MAX_OBJECTS) {
                Swhid next = todo.pop();
                if (!seen.add(next)) {
                    continue;
                }
                ObjectId id = next.id();
                switch (next.type()) {
                    case RELEASE -> source.release(id).ifPresent(r -> {
                        walk.releases.put(id, r);
                        todo.add(Swhid.of(r.targetType(), r.target()));
                    });
                    case REVISION -> source.revision(id).ifPresent(r -> {
                        walk.revisions.put(id, r);
                        todo.add(Swhid.of(ObjectType.DIRECTORY, r.directory()));
                        r.parents().forEach(p -> todo.add(Swhid.of(ObjectType.REVISION, p)));
                    });
                    case DIRECTORY -> source.directory(id).ifPresent(d -> {
                        walk.directories.put(id, d);
                        for (DirectoryEntry e : d.entries()) {
                            if (e.type() == EntryType.FILE) {
                                todo.add(Swhid.of(ObjectType.CONTENT, e.target()));
                            } else if (e.type() == EntryType.DIR) {
                                todo.add(Swhid.of(ObjectType.DIRECTORY, e.target()));
                            }
                        }
                    });
                    case CONTENT -> source.content(id).ifPresent(c -> walk.contents.put(id, c));
                    case SNAPSHOT -> source.snapshot(id).ifPresent(x -> walk.snapshots.put(id, x));
                    default -> { }
                }
            }
            return walk;
        }
    }
}
