package org.swhvault.core.cook.gitbare;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.swhvault.core.cook.internal.Quantities;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.core.internal.io.TarWriter;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.swhid.Swhid;

/**
 * Writes the bare repository as a tar under {@code <swhid>.git/}: {@code HEAD}, {@code config},
 * {@code description}, {@code packed-refs}, {@code shallow} (for a shallow clone's commits whose parents are left
 * out), {@code refs/} (with the symbolic references as loose
 * files), {@code objects/info/}, and the pack with its index in {@code objects/pack/}. Files are
 * 0644 (the pack and index 0444, as git leaves them), directories 0755.
 */
final class BareRepositoryTar {
    static final String CONFIG = "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n";
    private static final int PROGRESS_BYTES = 8 << 20;

    private final TarWriter tar;
    private final String root;
    private final Set<Bytes> directories = new HashSet<>();

    private BareRepositoryTar(OutputStream out, Swhid swhid) {
        this.tar = new TarWriter(out);
        this.root = swhid + ".git";
    }

    /** Writes the whole tar to {@code out}, without closing it. */
    static void write(OutputStream out, Swhid swhid, PackFile pack, Refs refs, List<String> shallow, CookReport report)
            throws IOException {
        BareRepositoryTar t = new BareRepositoryTar(out, swhid);
        report.progress("Writing references", 0, -1);
        t.directory("");
        t.file("HEAD", refs.head().toByteArray());
        t.file("config", CONFIG.getBytes(StandardCharsets.US_ASCII));
        t.file("description", ("Software Heritage Vault bundle of " + swhid + "\n").getBytes(StandardCharsets.US_ASCII));
        t.file("packed-refs", refs.packedRefs());
        if (!shallow.isEmpty()) {
            t.file("shallow", (String.join("\n", shallow) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        t.directory("refs");
        t.directory("refs/heads");
        t.directory("refs/tags");
        for (Refs.Symbolic ref : refs.symbolic()) {
            t.symbolicRef(ref);
        }
        t.directory("objects");
        t.directory("objects/info");
        t.directory("objects/pack");
        long total = pack.indexSize() + pack.packSize();
        try (InputStream index = pack.openIndex()) {
            t.tar.file(t.path("objects/pack/" + pack.name() + ".idx"), 0444, pack.indexSize(),
                    new Progress(index, 0, total, report));
        }
        try (InputStream data = pack.openPack()) {
            t.tar.file(t.path("objects/pack/" + pack.name() + ".pack"), 0444, pack.packSize(),
                    new Progress(data, pack.indexSize(), total, report));
        }
        t.tar.finish();
    }

    private void symbolicRef(Refs.Symbolic ref) throws IOException {
        byte[] name = ref.name().toByteArray();
        for (int i = 0; i < name.length; i++) {
            if (name[i] == '/') {
                directory(Bytes.of(name, 0, i));
            }
        }
        tar.file(path(ref.name()), 0644, ref.fileContent().toByteArray());
    }

    private void directory(String relative) throws IOException {
        directory(Bytes.utf8(relative));
    }

    private void directory(Bytes relative) throws IOException {
        if (directories.add(relative)) {
            tar.directory(relative.isEmpty() ? Bytes.utf8(root) : path(relative));
        }
    }

    private void file(String relative, byte[] content) throws IOException {
        tar.file(path(relative), 0644, content);
    }

    private Bytes path(String relative) {
        return Bytes.utf8(root + "/" + relative);
    }

    private Bytes path(Bytes relative) {
        return RefNames.concat((root + "/").getBytes(StandardCharsets.US_ASCII), relative);
    }

    /** Reports the bytes copied into the tar and checks for cancellation now and then. */
    private static final class Progress extends FilterInputStream {
        private final long total;
        private final CookReport report;
        private long done;
        private long next;

        Progress(InputStream in, long done, long total, CookReport report) {
            super(in);
            this.done = done;
            this.next = done;
            this.total = total;
            this.report = report;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done >= next) {
                report.progress("Writing the bundle: " + Quantities.size(done) + " of " + Quantities.size(total),
                        done, total);
                next = done + PROGRESS_BYTES;
            }
            int n = super.read(b, off, len);
            if (n > 0) {
                done += n;
            }
            return n;
        }
    }
}
