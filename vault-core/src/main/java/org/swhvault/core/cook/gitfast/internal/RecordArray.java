package org.swhvault.core.cook.gitfast.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A growable array of fixed-width records, zeros until written. It lives in a heap byte array while its
 * {@link WorkArea} has budget for it, and past that in a memory-mapped file of the area: one region that
 * doubles while the records fit in {@link WorkArea#regionBytes()}, then more regions of that size, each
 * holding whole records. Not thread-safe.
 */
final class RecordArray implements AutoCloseable {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int MAX_HEAP_BYTES = Integer.MAX_VALUE - 16;

    private final WorkArea area;
    private final String name;
    private final int width;
    private final int regionShift;
    private final int regionMask;
    private final byte[] scratch;
    private byte[] heap;
    private Path file;
    private MappedByteBuffer[] regions;
    private int capacity;

    /**
     * Creates an array of {@code capacity} records of {@code width} bytes.
     *
     * @param name what the records are, for file names and messages
     * @throws UncheckedIOException if the array goes to a file that cannot be made
     */
    RecordArray(WorkArea area, String name, int width, int capacity) {
        if (width < 1 || capacity < 1) {
            throw new IllegalArgumentException("width and capacity must be positive: " + width + ", " + capacity);
        }
        this.area = area;
        this.name = name;
        this.width = width;
        int perRegion = Integer.highestOneBit(Math.max(1, area.regionBytes() / width));
        this.regionShift = Integer.numberOfTrailingZeros(perRegion);
        this.regionMask = perRegion - 1;
        this.scratch = new byte[width];
        long bytes = (long) capacity * width;
        if (bytes <= MAX_HEAP_BYTES && area.reserve(bytes)) {
            heap = new byte[(int) bytes];
            this.capacity = capacity;
        } else {
            map(capacity);
        }
    }

    /** Returns how many records the array holds now. */
    int capacity() {
        return capacity;
    }

    /** Returns whether the records are in a file. */
    boolean inFile() {
        return regions != null;
    }

    /**
     * Grows the array, if needed, to hold at least {@code records} records.
     *
     * @throws UncheckedIOException if the array cannot make or grow its file
     */
    void ensure(int records) {
        if (records <= capacity) {
            return;
        }
        int grown = (int) Math.min(Integer.MAX_VALUE, Math.max(records, 2L * capacity));
        if (heap != null) {
            long bytes = (long) grown * width;
            if (bytes <= MAX_HEAP_BYTES && area.reserve(bytes - heap.length)) {
                heap = Arrays.copyOf(heap, (int) bytes);
                capacity = grown;
                return;
            }
            if (!area.hasFiles()) {
                throw new IllegalStateException("The " + name + " need more than " + MAX_HEAP_BYTES
                        + " bytes and may not go to a file.");
            }
        }
        map(grown);
    }

    /** Returns the int at the start of record {@code index}. */
    int getInt(int index) {
        if (heap != null) {
            return (int) INT.get(heap, index * width);
        }
        return regions[index >>> regionShift].getInt((index & regionMask) * width);
    }

    /** Writes {@code value} at the start of record {@code index}. */
    void putInt(int index, int value) {
        if (heap != null) {
            INT.set(heap, index * width, value);
        } else {
            regions[index >>> regionShift].putInt((index & regionMask) * width, value);
        }
    }

    /** Copies record {@code index} to {@code dest} at {@code offset}. */
    void get(int index, byte[] dest, int offset) {
        if (heap != null) {
            System.arraycopy(heap, index * width, dest, offset, width);
        } else {
            regions[index >>> regionShift].get((index & regionMask) * width, dest, offset, width);
        }
    }

    /** Copies {@code width} bytes of {@code src} from {@code offset} to record {@code index}. */
    void put(int index, byte[] src, int offset) {
        if (heap != null) {
            System.arraycopy(src, offset, heap, index * width, width);
        } else {
            regions[index >>> regionShift].put((index & regionMask) * width, src, offset, width);
        }
    }

    /** Returns whether record {@code index} equals the first {@code width} bytes of {@code bytes}. */
    boolean matches(int index, byte[] bytes) {
        if (heap != null) {
            int from = index * width;
            return Arrays.equals(heap, from, from + width, bytes, 0, width);
        }
        get(index, scratch, 0);
        return Arrays.equals(scratch, 0, width, bytes, 0, width);
    }

    /** Frees the heap or deletes the file; the array must not be used afterwards. */
    @Override
    public void close() {
        if (heap != null) {
            area.release(heap.length);
            heap = null;
        }
        if (file != null) {
            area.delete(file);
            file = null;
        }
        regions = null;
        capacity = 0;
    }

    /** Maps a file holding at least {@code records} records, with the records so far; frees the heap. */
    private void map(int records) {
        int perRegion = regionMask + 1;
        int count = (int) ((records + (long) perRegion - 1) >>> regionShift);
        int first = count == 1 ? records : perRegion;
        boolean created = file == null;
        if (created) {
            file = area.newFile(name + "-");
        }
        MappedByteBuffer[] mapped = Arrays.copyOf(regions == null ? new MappedByteBuffer[0] : regions, count);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int i = 0; i < count; i++) {
                int size = (i == 0 ? first : perRegion) * width;
                if (mapped[i] == null || mapped[i].capacity() < size) {
                    mapped[i] = channel.map(FileChannel.MapMode.READ_WRITE, ((long) i << regionShift) * width, size);
                }
            }
        } catch (IOException e) {
            Path failed = file;
            if (created) {
                area.delete(file);
                file = null;
            }
            throw new UncheckedIOException("Cannot map " + records + " records of the " + name + " in " + failed, e);
        }
        if (heap != null) {
            int regionBytes = perRegion * width;
            for (int from = 0; from < heap.length; from += regionBytes) {
                mapped[from / regionBytes].put(0, heap, from, Math.min(regionBytes, heap.length - from));
            }
            area.release(heap.length);
            heap = null;
        }
        regions = mapped;
        capacity = count == 1 ? first : (int) Math.min(Integer.MAX_VALUE, (long) count * perRegion);
    }
}
