package org.swhvault.core.cook.gitbare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Turns a snapshot's branches into git references. A branch named {@code refs/...} keeps its name;
 * another becomes {@code refs/heads/<name>}; a name that is still not a valid reference, or that
 * clashes with one taken before (same name, or one is a directory of the other; names that were
 * already under {@code refs/} win, then snapshot order), is left out. Dangling branches, branches
 * to objects the bundle does not hold, and aliases whose target is not written are left out too.
 * Every branch left out is reported. {@code HEAD} comes from the snapshot's {@code HEAD} branch
 * (an alias becomes a symbolic {@code HEAD}, a revision a detached one); without a usable one it is
 * {@code refs/heads/master} if written, else the first branch under {@code refs/heads/}.
 */
final class SnapshotRefs {
    private final ObjectPacker packer;
    private final CookReport report;
    private final Set<Bytes> names = new HashSet<>();
    private final Set<Bytes> directories = new HashSet<>();
    private final Map<Bytes, Bytes> refOfBranch = new HashMap<>();
    private final List<Refs.Plain> plain = new ArrayList<>();
    private final List<Refs.Symbolic> symbolic = new ArrayList<>();

    private SnapshotRefs(ObjectPacker packer, CookReport report) {
        this.packer = packer;
        this.report = report;
        directories.add(Bytes.utf8("refs/heads"));
        directories.add(Bytes.utf8("refs/tags"));
    }

    /** Returns the references of a snapshot bundle whose objects {@code packer} has written. */
    static Refs of(Snapshot snapshot, ObjectPacker packer, CookReport report) {
        SnapshotRefs refs = new SnapshotRefs(packer, report);
        List<SnapshotBranch> ordered = new ArrayList<>();
        SnapshotBranch head = null;
        for (SnapshotBranch b : snapshot.branches()) {
            if (b.name().equals(RefNames.HEAD)) {
                head = b;
            } else if (b.name().startsWith(Bytes.utf8("refs/"))) {
                ordered.add(b);
            }
        }
        for (SnapshotBranch b : snapshot.branches()) {
            if (!b.name().equals(RefNames.HEAD) && !b.name().startsWith(Bytes.utf8("refs/"))) {
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
        return new Refs(refs.plain, refs.symbolic, refs.head(head));
    }

    /** Writes a non-alias branch; returns true for an alias whose name was claimed, to resolve later. */
    private boolean branch(SnapshotBranch b) {
        String name = RefNames.display(b.name());
        Bytes ref = RefNames.forBranch(b.name());
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
            report.note("The branch " + name + " would be the git reference " + RefNames.display(ref)
                    + ", which clashes with another branch; it is left out.");
            return false;
        }
        if (b.target() instanceof BranchTarget.ToObject t) {
            Optional<ObjectId> peeled = t.type() == ObjectType.RELEASE
                    ? packer.peel(t.id()).map(ObjectPacker.Target::id) : Optional.empty();
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
                    Bytes ref = RefNames.forBranch(b.name());
                    refOfBranch.put(b.name(), ref);
                    symbolic.add(new Refs.Symbolic(ref, target));
                    it.remove();
                    progress = true;
                }
            }
        }
        for (SnapshotBranch b : pending) {
            report.note("The alias " + RefNames.display(b.name()) + " points to "
                    + RefNames.display(((BranchTarget.Alias) b.target()).name())
                    + ", which is not in the bundle; it is left out.");
        }
    }

    private Bytes head(SnapshotBranch head) {
        if (head != null) {
            if (head.target() instanceof BranchTarget.Alias a) {
                Bytes target = refOfBranch.get(a.name());
                if (target != null) {
                    return Refs.symbolicContent(target);
                }
            } else if (head.target() instanceof BranchTarget.ToObject t) {
                if (t.type() == ObjectType.REVISION && packer.contains(t.id())) {
                    return Refs.detachedContent(t.id());
                }
                if (t.type() == ObjectType.RELEASE) {
                    Optional<ObjectPacker.Target> peeled = packer.peel(t.id());
                    if (peeled.isPresent() && peeled.get().type() == ObjectType.REVISION) {
                        return Refs.detachedContent(peeled.get().id());
                    }
                }
            }
        }
        Bytes fallback = defaultHead();
        if (head != null) {
            report.note("The HEAD branch does not point to a revision or branch in the bundle; HEAD is "
                    + RefNames.display(fallback) + " instead.");
        }
        return Refs.symbolicContent(fallback);
    }

    private Bytes defaultHead() {
        if (refOfBranch.containsValue(RefNames.MASTER)) {
            return RefNames.MASTER;
        }
        Bytes heads = Bytes.utf8("refs/heads/");
        return refOfBranch.values().stream().filter(r -> r.startsWith(heads)).sorted().findFirst()
                .orElse(RefNames.MASTER);
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
