package org.swhvault.core.request;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of {@link Change} records: an 8-byte magic, then frames of
 * {@code [payload length: int][CRC32C of payload: int][payload]}. A frame cut short by a crash, or whose
 * checksum fails, ends the journal: it and anything after it are dropped when the file is opened. The
 * file is replaced atomically (write, fsync, rename) when compacted. Not thread-safe: the owner locks.
 */
final class JournalFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
    static final byte[] MAGIC = "SWHVRQ1\n".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME_HEADER = 8;
    private static final int MAX_PAYLOAD = 16 << 20;

    private final Path file;
    /**
     * Not a {@link FileChannel}: a channel closes itself for good when a thread writing to it is interrupted, and
     * any caller's thread may be (a host's cancelled task requesting a bundle, a cook being cancelled).
     */
    private RandomAccessFile out;
    private long size;
    private boolean broken;

    private JournalFile(Path file, RandomAccessFile out, long size) {
        this.file = file;
        this.out = out;
        this.size = size;
    }

    /**
     * Opens a journal, creating it if absent, and replays its records in order.
     *
     * @throws IOException if the file cannot be read, is not a journal, or holds a record this version
     *     cannot decode although its checksum is right
     */
    static JournalFile open(Path file, Consumer<Change> replay) throws IOException {
        if (!Files.exists(file)) {
            writeAtomically(file, List.of());
        }
        RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
        try {
            long good;
            try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 1 << 16)) {
                good = replay(file, in, replay);
            }
            long length = out.length();
            if (good < length) {
                LOG.warn("Request journal {}: dropping {} bytes after offset {} (a record cut short by a crash)",
                        file, length - good, good);
                out.setLength(good);
                out.getFD().sync();
            }
            out.seek(good);
            return new JournalFile(file, out, good);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Returns the offset after the last good record. */
    private static long replay(Path file, InputStream in, Consumer<Change> replay) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + " is not a request journal (it does not start with the journal marker)");
        }
        long good = MAGIC.length;
        byte[] header = new byte[FRAME_HEADER];
        CRC32C crc = new CRC32C();
        while (true) {
            if (in.readNBytes(header, 0, FRAME_HEADER) < FRAME_HEADER) {
                return good;
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            int length = h.getInt();
            int checksum = h.getInt();
            if (length < 1 || length > MAX_PAYLOAD) {
                return good;
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                return good;
            }
            crc.reset();
            crc.update(payload);
            if ((int) crc.getValue() != checksum) {
                return good;
            }
            replay.accept(ChangeCodec.decode(payload));
            good += FRAME_HEADER + length;
        }
    }

    /** Appends a record; with {@code durable}, returns only once it (and all before it) is on disk. */
    void append(Change change, boolean durable) throws IOException {
        if (broken) {
            throw new IOException("the journal " + file + " could not be repaired after a failed write");
        }
        ByteBuffer frame = frame(change);
        long before = size;
        try {
            out.write(frame.array(), 0, frame.limit());
            if (durable) {
                out.getFD().sync();
            }
            size = before + frame.limit();
        } catch (IOException e) {
            repair(before);
            throw e;
        }
    }

    /** Returns once every record appended so far is on disk. */
    void sync() throws IOException {
        if (broken) {
            throw new IOException("the journal " + file + " could not be repaired after a failed write");
        }
        try {
            out.getFD().sync();
        } catch (IOException e) {
            broken = true; // after a failed fsync the kernel may have dropped what it held: trust nothing written
            throw e;
        }
    }

    /** Replaces the journal by one holding exactly {@code changes}. */
    void rewrite(List<Change> changes) throws IOException {
        writeAtomically(file, changes);
        RandomAccessFile old = out;
        out = new RandomAccessFile(file.toFile(), "rw");
        size = out.length();
        out.seek(size);
        broken = false;
        old.close();
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A half-written frame must not stay in front of the next one, or replay would stop there. */
    private void repair(long before) {
        try {
            out.setLength(before);
            out.seek(before);
        } catch (IOException e) {
            broken = true;
            LOG.error("Request journal {}: cannot remove a half-written record", file, e);
        }
    }

    private static ByteBuffer frame(Change change) {
        byte[] payload = ChangeCodec.encode(change);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        return frame;
    }

    private static void writeAtomically(Path file, List<Change> changes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            buffered.write(MAGIC);
            for (Change change : changes) {
                ByteBuffer frame = frame(change);
                buffered.write(frame.array(), 0, frame.limit());
            }
            buffered.flush();
            out.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Makes a rename durable; some platforms cannot open directories, where this is best effort. Only a channel
     * syncs a directory: the caller's interrupt flag is set aside meanwhile, or the channel would refuse.
     */
    private static void syncDirectory(Path dir) {
        boolean interrupted = Thread.interrupted();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot fsync directory {}", dir, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
