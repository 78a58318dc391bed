package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

import static java.util.Objects.requireNonNull;

/**
 * The references of a bundle: plain ones (written to {@code packed-refs}), symbolic ones (loose
 * files, since {@code packed-refs} cannot hold them) and {@code HEAD}.
 *
 * @param plain the plain references, sorted by name (unsigned bytes)
 * @param symbolic the symbolic references, sorted by name
 * @param head the content of the {@code HEAD} file
 */
record Refs(List<Plain> plain, List<Symbolic> symbolic, Bytes head) {
    /** The packed-refs header git 2.x writes: every ref that peels has its {@code ^} line. */
    static final String PACKED_REFS_HEADER = "# pack-refs with: peeled fully-peeled sorted \n";

    /**
     * A reference to an object.
     *
     * @param name the full name
     * @param id the object
     * @param peeled what an annotated tag finally points to, if {@code id} is one and the bundle holds it
     */
    record Plain(Bytes name, ObjectId id, Optional<ObjectId> peeled) {
        Plain {
            requireNonNull(name, "name is null");
            requireNonNull(id, "id is null");
            requireNonNull(peeled, "peeled is null");
        }
    }

    /**
     * A symbolic reference.
     *
     * @param name the full name
     * @param target the full name of the reference it points to
     */
    record Symbolic(Bytes name, Bytes target) {
        Symbolic {
            requireNonNull(name, "name is null");
            requireNonNull(target, "target is null");
        }

        /** Returns the loose ref file content, {@code ref: <target>\n}. */
        Bytes fileContent() {
            return symbolicContent(target);
        }
    }

    Refs {
        List<Plain> sortedPlain = new ArrayList<>(plain);
        sortedPlain.sort((a, b) -> a.name().compareTo(b.name()));
        plain = List.copyOf(sortedPlain);
        List<Symbolic> sortedSymbolic = new ArrayList<>(symbolic);
        sortedSymbolic.sort((a, b) -> a.name().compareTo(b.name()));
        symbolic = List.copyOf(sortedSymbolic);
        requireNonNull(head, "head is null");
    }

    /** Returns {@code ref: <target>\n}. */
    static Bytes symbolicContent(Bytes target) {
        return RefNames.concat("ref: ".getBytes(StandardCharsets.US_ASCII), concatNewline(target));
    }

    /** Returns {@code <hex>\n}, a detached HEAD. */
    static Bytes detachedContent(ObjectId id) {
        return Bytes.utf8(id.toHex() + "\n");
    }

    /** Returns the {@code packed-refs} file: header, then {@code <hex> SP <name>} and {@code ^<hex>} lines. */
    byte[] packedRefs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PACKED_REFS_HEADER.getBytes(StandardCharsets.US_ASCII));
        for (Plain ref : plain) {
            out.writeBytes((ref.id().toHex() + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(ref.name().toByteArray());
            out.write('\n');
            ref.peeled().ifPresent(p -> out.writeBytes(("^" + p.toHex() + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
        return out.toByteArray();
    }

    private static Bytes concatNewline(Bytes name) {
        byte[] b = name.toByteArray();
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        out[b.length] = '\n';
        return Bytes.of(out);
    }
}
