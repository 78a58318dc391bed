package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.swhvault.core.cook.internal.EntryNames;
import org.swhvault.core.internal.io.GitObjectType;
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

/** What each kind of root puts in the pack, and the references it gets. */
final class Roots {
    private static final int MAX_CHAIN = 1000;

    private Roots() {
    }

    /**
     * Packs everything {@code swhid} reaches and returns the references of the bundle.
     *
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} if the root is missing, or
     *     {@link ErrorCode#UNSUPPORTED} for a release of a snapshot
     */
    static Refs pack(Swhid swhid, ObjectSource source, Packing packer, CookReport report) throws IOException {
        return switch (swhid.type()) {
            case SNAPSHOT -> snapshot(swhid, source, packer, report);
            case RELEASE -> release(swhid, source, packer, report);
            case REVISION -> revision(swhid, source, packer);
            case DIRECTORY -> directory(swhid, source, packer);
            default -> throw new IllegalArgumentException("not a git-bare root: " + swhid);
        };
    }

    private static Refs snapshot(Swhid swhid, ObjectSource source, Packing packer, CookReport report)
            throws IOException {
        Snapshot snapshot = source.snapshot(swhid.id()).orElseThrow(() -> notFound(swhid));
        for (SnapshotBranch b : snapshot.branches()) {
            if (b.target() instanceof BranchTarget.ToObject t) {
                packer.add(t.type(), t.id());
            }
        }
        packer.run();
        return SnapshotRefs.of(snapshot, packer, report);
    }

    private static Refs release(Swhid swhid, ObjectSource source, Packing packer, CookReport report)
            throws IOException {
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
        packer.add(ObjectType.RELEASE, swhid.id());
        packer.run();
        Bytes tag = RefNames.concat("refs/tags/".getBytes(StandardCharsets.US_ASCII), release.name());
        if (!RefNames.isValid(tag)) {
            report.note("The release name " + EntryNames.display(release.name())
                    + " is not a valid git tag name; the tag is refs/tags/release.");
            tag = Bytes.utf8("refs/tags/release");
        }
        Optional<Packing.Target> peeled = packer.peel(swhid.id());
        Refs.Plain tagRef = new Refs.Plain(tag, swhid.id(), peeled.map(Packing.Target::id));
        if (peeled.isPresent() && peeled.get().type() == ObjectType.REVISION) {
            return new Refs(List.of(tagRef, new Refs.Plain(RefNames.MASTER, peeled.get().id(), Optional.empty())),
                    List.of(), Refs.symbolicContent(RefNames.MASTER));
        }
        return new Refs(List.of(tagRef), List.of(), Refs.symbolicContent(RefNames.MASTER));
    }

    private static Refs revision(Swhid swhid, ObjectSource source, Packing packer) throws IOException {
        if (source.revision(swhid.id()).isEmpty()) {
            throw notFound(swhid);
        }
        packer.add(ObjectType.REVISION, swhid.id());
        packer.run();
        return master(swhid.id());
    }

    private static Refs directory(Swhid swhid, ObjectSource source, Packing packer) throws IOException {
        if (source.directory(swhid.id()).isEmpty()) {
            throw notFound(swhid);
        }
        Revision stub = StubCommit.of(swhid.id());
        packer.addMade(GitObjectType.COMMIT, stub.id(), Manifests.revision(stub));
        packer.add(ObjectType.DIRECTORY, swhid.id());
        packer.run();
        return master(stub.id());
    }

    private static Refs master(ObjectId id) {
        return new Refs(List.of(new Refs.Plain(RefNames.MASTER, id, Optional.empty())), List.of(),
                Refs.symbolicContent(RefNames.MASTER));
    }

    private static VaultException notFound(Swhid swhid) {
        return new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " was not found.");
    }

}
