package org.swhvault.core.cook.gitfast;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;

/** Cooks gitfast bundles in memory and imports them with the real {@code git fast-import}. */
final class Bundles {
    /** A cooked bundle and what the cooker said about it. */
    record Cooked(byte[] gzip, GitfastReport report) {
        /** Returns the uncompressed fast-import stream. */
        byte[] stream() {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Returns the stream as ISO-8859-1 text, one char per byte, for searching. */
        String text() {
            return new String(stream(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        /**
         * Runs {@code git fast-import --quiet} on the stream in a new bare repository.
         *
         * @return the repository
         * @throws IllegalStateException if fast-import fails
         */
        GitFixture importInto(Path dir) {
            GitFixture git = GitFixture.initBare(dir);
            git.run(stream(), "fast-import", "--quiet");
            return git;
        }
    }

    private Bundles() {
    }

    static Cooked cook(ObjectSource source, String revisionHex) {
        return cook(source, ObjectId.fromHex(revisionHex));
    }

    static Cooked cook(ObjectSource source, ObjectId revision) {
        return cook(new GitfastCooker(), source, revision);
    }

    static Cooked cook(GitfastCooker cooker, ObjectSource source, ObjectId revision) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            GitfastReport report = cooker.cookAndReport(Swhid.of(ObjectType.REVISION, revision), source,
                    out, CookContext.silent());
            return new Cooked(out.toByteArray(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
