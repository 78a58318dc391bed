package org.swhvault.spi.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

import static java.util.Objects.requireNonNull;

/**
 * The entries of a {@link Directory}, packed into a few arrays: about 29 bytes per entry plus its name,
 * where a list of {@link DirectoryEntry} records takes about 150, so a directory of a million entries
 * fits in a small heap. Immutable. {@link #get(int)} builds a new record on each call; the other
 * accessors read one field without building anything.
 */
public final class DirectoryEntries extends AbstractList<DirectoryEntry> implements RandomAccess {
    private static final EntryType[] TYPES = EntryType.values();
    private static final DirectoryEntries EMPTY = new Builder(0, 0).build();

    private final int size;
    private final byte[] names;
    /** Where name {@code i} ends in {@link #names}; it starts where name {@code i - 1} ends. */
    private final int[] nameEnds;
    private final byte[] targets;
    private final int[] perms;
    private final byte[] types;

    private DirectoryEntries(Builder b) {
        this.size = b.size;
        this.names = b.names.length == b.nameBytes ? b.names : Arrays.copyOf(b.names, b.nameBytes);
        this.nameEnds = trim(b.nameEnds, b.size);
        this.targets = b.targets.length == b.size * ObjectId.LENGTH ? b.targets
                : Arrays.copyOf(b.targets, b.size * ObjectId.LENGTH);
        this.perms = trim(b.perms, b.size);
        this.types = b.types.length == b.size ? b.types : Arrays.copyOf(b.types, b.size);
    }

    private static int[] trim(int[] a, int size) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    /**
     * Returns packed entries equal to {@code entries}, in the same order: {@code entries} itself when it
     * already is a {@code DirectoryEntries}.
     *
     * @param entries the entries
     * @return the packed entries
     * @throws NullPointerException if {@code entries} or one of its elements is null
     */
    public static DirectoryEntries copyOf(Collection<? extends DirectoryEntry> entries) {
        requireNonNull(entries, "entries is null");
        if (entries instanceof DirectoryEntries packed) {
            return packed;
        }
        if (entries.isEmpty()) {
            return EMPTY;
        }
        int nameBytes = 0;
        for (DirectoryEntry e : entries) {
            nameBytes += requireNonNull(e, "entry is null").name().length();
        }
        Builder builder = builder(entries.size(), nameBytes);
        for (DirectoryEntry e : entries) {
            builder.add(e);
        }
        return builder.build();
    }

    /**
     * Returns a builder. The sizes are hints: exact ones spare the copies that growing and trimming cost.
     *
     * @param entries how many entries are expected
     * @param nameBytes how many bytes all names take together
     * @return an empty builder
     */
    public static Builder builder(int entries, int nameBytes) {
        return new Builder(entries, nameBytes);
    }

    /** Returns entry {@code index}, a new record on each call. */
    @Override
    public DirectoryEntry get(int index) {
        return new DirectoryEntry(name(index), type(index), perms(index), target(index));
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Returns the name of an entry.
     *
     * @param index the entry's position
     * @return its raw name
     * @throws IndexOutOfBoundsException if {@code index} is not a position of this list
     */
    public Bytes name(int index) {
        int start = nameStart(index);
        return Bytes.of(names, start, nameEnds[index] - start);
    }

    /**
     * Returns the type of an entry.
     *
     * @param index the entry's position
     * @return what it points to
     * @throws IndexOutOfBoundsException if {@code index} is not a position of this list
     */
    public EntryType type(int index) {
        return TYPES[types[checkIndex(index)]];
    }

    /**
     * Returns the git mode of an entry.
     *
     * @param index the entry's position
     * @return the mode as an integer
     * @throws IndexOutOfBoundsException if {@code index} is not a position of this list
     */
    public int perms(int index) {
        return perms[checkIndex(index)];
    }

    /**
     * Returns the target of an entry.
     *
     * @param index the entry's position
     * @return the id of its content, directory or revision
     * @throws IndexOutOfBoundsException if {@code index} is not a position of this list
     */
    public ObjectId target(int index) {
        return ObjectId.of(targets, checkIndex(index) * ObjectId.LENGTH);
    }

    /**
     * Compares the names of two entries as unsigned bytes, as {@link Bytes#compareTo} does, without
     * building them.
     *
     * @param i an entry's position
     * @param j another entry's position
     * @return negative, zero or positive as name {@code i} sorts before, equal to or after name {@code j}
     * @throws IndexOutOfBoundsException if {@code i} or {@code j} is not a position of this list
     */
    public int compareNames(int i, int j) {
        return Arrays.compareUnsigned(names, nameStart(i), nameEnds[i], names, nameStart(j), nameEnds[j]);
    }

    private int nameStart(int index) {
        return checkIndex(index) == 0 ? 0 : nameEnds[index - 1];
    }

    private int checkIndex(int index) {
        return Objects.checkIndex(index, size);
    }

    /** Collects entries into a {@link DirectoryEntries}. Not thread-safe; build once. */
    public static final class Builder {
        private int size;
        private int nameBytes;
        private byte[] names;
        private int[] nameEnds;
        private byte[] targets;
        private int[] perms;
        private byte[] types;

        private Builder(int entries, int nameBytes) {
            int n = Math.max(0, entries);
            this.names = new byte[Math.max(0, nameBytes)];
            this.nameEnds = new int[n];
            this.targets = new byte[n * ObjectId.LENGTH];
            this.perms = new int[n];
            this.types = new byte[n];
        }

        /**
         * Adds an entry.
         *
         * @param entry the entry
         * @return this builder
         */
        public Builder add(DirectoryEntry entry) {
            requireNonNull(entry, "entry is null");
            Bytes name = entry.name();
            append(name.array(), 0, name.length(), entry.type(), entry.perms());
            entry.target().copyTo(targets, (size - 1) * ObjectId.LENGTH);
            return this;
        }

        /**
         * Adds an entry read from a buffer, such as a raw git tree, without building its name or id.
         *
         * @param buffer where the name lies
         * @param nameOffset where the name starts in {@code buffer}
         * @param nameLength how many bytes the name takes
         * @param type what the entry points to
         * @param perms the git mode as an integer
         * @param target where the 20 bytes of the target id lie
         * @param targetOffset where the target id starts in {@code target}
         * @return this builder
         * @throws IndexOutOfBoundsException if a range lies outside its array
         */
        public Builder add(byte[] buffer, int nameOffset, int nameLength, EntryType type, int perms, byte[] target,
                int targetOffset) {
            requireNonNull(type, "type is null");
            Objects.checkFromIndexSize(nameOffset, nameLength, buffer.length);
            Objects.checkFromIndexSize(targetOffset, ObjectId.LENGTH, target.length);
            append(buffer, nameOffset, nameLength, type, perms);
            System.arraycopy(target, targetOffset, targets, (size - 1) * ObjectId.LENGTH, ObjectId.LENGTH);
            return this;
        }

        private void append(byte[] buffer, int nameOffset, int nameLength, EntryType type, int perms) {
            if (size == nameEnds.length) {
                int grown = Math.max(8, size + (size >> 1));
                nameEnds = Arrays.copyOf(nameEnds, grown);
                targets = Arrays.copyOf(targets, grown * ObjectId.LENGTH);
                this.perms = Arrays.copyOf(this.perms, grown);
                types = Arrays.copyOf(types, grown);
            }
            if (nameBytes + nameLength > names.length) {
                names = Arrays.copyOf(names, Math.max(nameBytes + nameLength, names.length + (names.length >> 1)));
            }
            System.arraycopy(buffer, nameOffset, names, nameBytes, nameLength);
            nameBytes += nameLength;
            nameEnds[size] = nameBytes;
            this.perms[size] = perms;
            types[size] = (byte) type.ordinal();
            size++;
        }

        /** Returns the entries added so far, in the order they were added. */
        public DirectoryEntries build() {
            return new DirectoryEntries(this);
        }
    }
}
