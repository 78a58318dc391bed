package org.swhvault.core.cook.gitbare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.swhvault.core.cook.internal.EntryNames;
import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Turns a snapshot's branches into git references. A branch named {@code refs/...} keeps its name;
 * another becomes {@code refs/heads/<name>} if it points to a revision (through its aliases), else
 * {@code refs/tags/<name>}. A name that is still not a valid reference, or that clashes with one
 * taken before (same name, or one is a directory of the other; names that were already under
 * {@code refs/} win, then snapshot order), is left out. Dangling branches, branches to objects the
 * bundle does not hold, and aliases whose target is not written are left out too. Every branch left
 * out is reported.
 *
 * <p>{@code HEAD} comes from the snapshot's {@code HEAD} branch: an alias of a written branch that
 * ends (through aliases) at a branch under {@code refs/heads/} pointing to a revision becomes a
 * symbolic {@code HEAD} (git's fsck wants nothing else there); otherwise, if it leads to a revision (directly,
 * through aliases or through releases), {@code HEAD} is detached at that revision. Without a usable
 * {@code HEAD} branch it is {@code refs/heads/master} if written, else the first branch under
 * {@code refs/heads/}, else the unborn {@code refs/heads/master}.
 */
final class SnapshotRefs {
    private static final Bytes REFS = Bytes.utf8("refs/");
    private static final int MAX_ALIASES = 100;

    private final Packing packer;
    private final CookReport report;
    private final Map<Bytes, BranchTarget> targets = new HashMap<>();
    private final Set<Bytes> names = new HashSet<>();
    private final Set<Bytes> directories = new HashSet<>();
    private final Map<Bytes, Bytes> refOfBranch = new HashMap<>();
    private final List<Refs.Plain> plain = new ArrayList<>();
    private final List<Refs.Symbolic> symbolic = new ArrayList<>();

    private SnapshotRefs(Snapshot snapshot, Packing packer, CookReport report) {
        this.packer = packer;
        this.report = report;
        for (SnapshotBranch b : snapshot.branches()) {
            targets.put(b.name(), b.target());
        }
        directories.add(Bytes.utf8("refs/heads"));
        directories.add(Bytes.utf8("refs/tags"));
    }

    /** Returns the references of a snapshot bundle whose objects {@code packer} has written. */
    static Refs of(Snapshot snapshot, Packing packer, CookReport report) {
        SnapshotRefs refs = new SnapshotRefs(snapshot, packer, report);
        List<SnapshotBranch> ordered = new ArrayList<>();
        for (SnapshotBranch b : snapshot.branches()) {
            if (b.name().startsWith(REFS)) {
                ordered.add(b);
            }
        }
        for (SnapshotBranch b : snapshot.branches()) {
            if (!b.name().startsWith(REFS) && !b.name().equals(RefNames.HEAD)) {
                ordered.add(b);
            }
        }
        List<SnapshotBranch> aliases = new ArrayList<>();
        for (SnapshotBranch b : ordered) {
            if (refs.branch(b)) {
                aliases.add(b);
            }
        }
        refs.aliases(aliases);
        return new Refs(refs.plain, refs.symbolic, refs.head());
    }

    /** Writes a non-alias branch; returns true for an alias whose name was claimed, to resolve later. */
    private boolean branch(SnapshotBranch b) {
        String name = EntryNames.display(b.name());
        Optional<BranchTarget.ToObject> resolved = resolve(b.name());
        Bytes ref = RefNames.forBranch(b.name(),
                resolved.isPresent() && resolved.get().type() == ObjectType.REVISION);
        if (ref == null) {
            report.note("The branch " + name + " is not a valid git reference name; it is left out.");
            return false;
        }
        if (b.target() instanceof BranchTarget.Dangling) {
            report.note("The dangling branch " + name + " is left out.");
            return false;
        }
        if (b.target() instanceof BranchTarget.ToObject t) {
            if (t.type() == ObjectType.SNAPSHOT) {
                report.note("The branch " + name + " points to a snapshot, which a git repository cannot hold; "
                        + "it is left out.");
                return false;
            }
            if (!packer.contains(t.id())) {
                report.note("The branch " + name + " points to the " + t.type().name().toLowerCase() + " " + t.id()
                        + ", which the archive is missing; it is left out.");
                return false;
            }
        }
        if (!claim(ref)) {
            report.note("The branch " + name + " would be the git reference " + EntryNames.display(ref)
                    + ", which clashes with another branch; it is left out.");
            return false;
        }
        if (b.target() instanceof BranchTarget.ToObject t) {
            Optional<ObjectId> peeled = t.type() == ObjectType.RELEASE
                    ? packer.peel(t.id()).map(Packing.Target::id) : Optional.empty();
            plain.add(new Refs.Plain(ref, t.id(), peeled));
            refOfBranch.put(b.name(), ref);
            return false;
        }
        return true;
    }

    /** Writes the aliases whose target is written, following chains of aliases. */
    private void aliases(List<SnapshotBranch> aliases) {
        List<SnapshotBranch> pending = new ArrayList<>(aliases);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                SnapshotBranch b = it.next();
                Bytes target = refOfBranch.get(((BranchTarget.Alias) b.target()).name());
                if (target != null) {
                    Optional<BranchTarget.ToObject> resolved = resolve(b.name());
                    Bytes ref = RefNames.forBranch(b.name(), resolved.get().type() == ObjectType.REVISION);
                    refOfBranch.put(b.name(), ref);
                    symbolic.add(new Refs.Symbolic(ref, target));
                    it.remove();
                    progress = true;
                }
            }
        }
        for (SnapshotBranch b : pending) {
            report.note("The alias " + EntryNames.display(b.name()) + " points to "
                    + EntryNames.display(((BranchTarget.Alias) b.target()).name())
                    + ", which is not in the bundle; it is left out.");
        }
    }

    private Bytes head() {
        BranchTarget head = targets.get(RefNames.HEAD);
        if (head != null) {
            Optional<BranchTarget.ToObject> resolved = resolve(RefNames.HEAD);
            Optional<ObjectId> revision = resolved.flatMap(this::revision);
            if (revision.isPresent()) {
                if (head instanceof BranchTarget.Alias a && refOfBranch.containsKey(a.name())
                        && resolved.get().type() == ObjectType.REVISION && isLocalBranch(lastBranch(a.name()))) {
                    return Refs.symbolicContent(refOfBranch.get(a.name()));
                }
                return Refs.detachedContent(revision.get());
            }
        }
        Bytes fallback = defaultHead();
        if (head != null) {
            report.note("The HEAD branch does not lead to a revision in the bundle; HEAD is "
                    + EntryNames.display(fallback) + " instead.");
        }
        return Refs.symbolicContent(fallback);
    }

    /** Returns the revision a branch target leads to, through releases, if the bundle holds it. */
    private Optional<ObjectId> revision(BranchTarget.ToObject target) {
        if (target.type() == ObjectType.REVISION) {
            return packer.contains(target.id()) ? Optional.of(target.id()) : Optional.empty();
        }
        if (target.type() == ObjectType.RELEASE) {
            return packer.peel(target.id()).filter(t -> t.type() == ObjectType.REVISION).map(Packing.Target::id);
        }
        return Optional.empty();
    }

    private Bytes defaultHead() {
        if (refOfBranch.containsValue(RefNames.MASTER)) {
            return RefNames.MASTER;
        }
        Bytes heads = Bytes.utf8("refs/heads/");
        return refOfBranch.values().stream().filter(r -> r.startsWith(heads)).sorted().findFirst()
                .orElse(RefNames.MASTER);
    }

    /**
     * Returns whether the reference a written branch becomes is under {@code refs/heads/}: git wants
     * a symbolic {@code HEAD} to end there, through any chain of symbolic references.
     */
    private boolean isLocalBranch(Bytes branch) {
        Bytes ref = refOfBranch.get(branch);
        return ref != null && ref.startsWith(Bytes.utf8("refs/heads/"));
    }

    /** Follows aliases from the branch {@code name} to the last branch, the one that is not an alias. */
    private Bytes lastBranch(Bytes name) {
        Bytes current = name;
        for (int i = 0; i < MAX_ALIASES && targets.get(current) instanceof BranchTarget.Alias a; i++) {
            current = a.name();
        }
        return current;
    }

    /** Follows aliases from the branch {@code name} to the object they end at, if any. */
    private Optional<BranchTarget.ToObject> resolve(Bytes name) {
        Bytes current = name;
        for (int i = 0; i < MAX_ALIASES; i++) {
            BranchTarget t = targets.get(current);
            if (t instanceof BranchTarget.ToObject o) {
                return Optional.of(o);
            }
            if (!(t instanceof BranchTarget.Alias a)) {
                return Optional.empty();
            }
            current = a.name();
        }
        return Optional.empty();
    }

    /** Claims a name unless it is taken or is a directory of a name taken, or the reverse. */
    private boolean claim(Bytes ref) {
        if (names.contains(ref) || directories.contains(ref)) {
            return false;
        }
        List<Bytes> parents = new ArrayList<>();
        byte[] bytes = ref.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '/') {
                Bytes parent = Bytes.of(bytes, 0, i);
                if (names.contains(parent)) {
                    return false;
                }
                parents.add(parent);
            }
        }
        names.add(ref);
        directories.addAll(parents);
        return true;
    }
}
