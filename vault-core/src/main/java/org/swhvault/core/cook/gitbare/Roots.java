package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.swhvault.core.cook.internal.EntryNames;
import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * What each kind of root puts in the pack, and the references it gets. A cook first reads its root once
 * ({@link #plan}), which decides which objects the pack starts from; the pack is then filled by either path
 * (stored objects of a repository, or object by object) from that plan, without reading the root again.
 */
final class Roots {
    private static final int MAX_CHAIN = 1000;

    private Roots() {
    }

    /** An object the pack starts from. */
    record Start(ObjectType type, ObjectId id) {
    }

    /** The references of a bundle, once its pack is complete. */
    interface RefsOf {
        Refs of(Packing packed) throws IOException;
    }

    /**
     * What a bundle is made of: the objects its pack starts from, a commit made for it (a directory's stub),
     * and how its references follow from the pack.
     */
    record Plan(List<Start> starts, Optional<Revision> made, RefsOf refs) {
        /** Adds the starts to {@code packing}, walks what they reach, and returns the references. */
        Refs pack(Packing packing) throws IOException {
            if (made.isPresent()) {
                packing.addMade(GitObjectType.COMMIT, made.get().id(), Manifests.revision(made.get()));
            }
            for (Start start : starts) {
                packing.add(start.type(), start.id());
            }
            packing.run();
            return refs.of(packing);
        }
    }

    /**
     * Reads the root of {@code swhid} and says what its bundle is made of.
     *
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} if the root is missing, or
     *     {@link ErrorCode#UNSUPPORTED} for a release of a snapshot
     */
    static Plan plan(Swhid swhid, ObjectSource source, CookReport report) throws IOException {
        return switch (swhid.type()) {
            case SNAPSHOT -> snapshot(swhid, source, report);
            case RELEASE -> release(swhid, source, report);
            case REVISION -> revision(swhid, source);
            case DIRECTORY -> directory(swhid, source);
            default -> throw new IllegalArgumentException("not a git-bare root: " + swhid);
        };
    }

    private static Plan snapshot(Swhid swhid, ObjectSource source, CookReport report) throws IOException {
        Snapshot snapshot = source.snapshot(swhid.id()).orElseThrow(() -> notFound(swhid));
        List<Start> starts = new ArrayList<>();
        for (SnapshotBranch b : snapshot.branches()) {
            if (b.target() instanceof BranchTarget.ToObject t) {
                starts.add(new Start(t.type(), t.id()));
            }
        }
        return new Plan(starts, Optional.empty(), packed -> SnapshotRefs.of(snapshot, packed, report));
    }

    private static Plan release(Swhid swhid, ObjectSource source, CookReport report) throws IOException {
        Release release = source.release(swhid.id()).orElseThrow(() -> notFound(swhid));
        Optional<Release> link = Optional.of(release);
        for (int i = 0; link.isPresent() && i < MAX_CHAIN; i++) {
            Release r = link.get();
            if (r.targetType() == ObjectType.SNAPSHOT) {
                throw new VaultException(ErrorCode.UNSUPPORTED, swhid + " points to a snapshot"
                        + (i == 0 ? "" : " through " + i + " other releases") + ", which a git repository cannot hold.");
            }
            link = r.targetType() == ObjectType.RELEASE ? source.release(r.target()) : Optional.empty();
        }
        return new Plan(List.of(new Start(ObjectType.RELEASE, swhid.id())), Optional.empty(),
                packed -> releaseRefs(swhid, release, packed, report));
    }

    private static Refs releaseRefs(Swhid swhid, Release release, Packing packed, CookReport report) {
        Bytes tag = RefNames.concat("refs/tags/".getBytes(StandardCharsets.US_ASCII), release.name());
        if (!RefNames.isValid(tag)) {
            report.note("The release name " + EntryNames.display(release.name())
                    + " is not a valid git tag name; the tag is refs/tags/release.");
            tag = Bytes.utf8("refs/tags/release");
        }
        Optional<Packing.Target> peeled = packed.peel(swhid.id());
        Refs.Plain tagRef = new Refs.Plain(tag, swhid.id(), peeled.map(Packing.Target::id));
        if (peeled.isPresent() && peeled.get().type() == ObjectType.REVISION) {
            return new Refs(List.of(tagRef, new Refs.Plain(RefNames.MASTER, peeled.get().id(), Optional.empty())),
                    List.of(), Refs.symbolicContent(RefNames.MASTER));
        }
        return new Refs(List.of(tagRef), List.of(), Refs.symbolicContent(RefNames.MASTER));
    }

    private static Plan revision(Swhid swhid, ObjectSource source) throws IOException {
        if (source.revision(swhid.id()).isEmpty()) {
            throw notFound(swhid);
        }
        return new Plan(List.of(new Start(ObjectType.REVISION, swhid.id())), Optional.empty(),
                packed -> master(swhid.id()));
    }

    private static Plan directory(Swhid swhid, ObjectSource source) throws IOException {
        if (source.directory(swhid.id()).isEmpty()) {
            throw notFound(swhid);
        }
        Revision stub = StubCommit.of(swhid.id());
        return new Plan(List.of(new Start(ObjectType.DIRECTORY, swhid.id())), Optional.of(stub),
                packed -> master(stub.id()));
    }

    private static Refs master(ObjectId id) {
        return new Refs(List.of(new Refs.Plain(RefNames.MASTER, id, Optional.empty())), List.of(),
                Refs.symbolicContent(RefNames.MASTER));
    }

    private static VaultException notFound(Swhid swhid) {
        return new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " was not found.");
    }
}
