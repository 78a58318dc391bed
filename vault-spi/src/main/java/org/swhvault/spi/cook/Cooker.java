package org.swhvault.spi.cook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Set;

import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Turns an archived object into a bundle of one type, written as a stream. A cooker never holds a
 * whole bundle or a whole repository in memory, and produces the same bytes every time it cooks the
 * same object (reproducible bundles). Implementations are thread-safe and stateless between cooks.
 */
public interface Cooker {
    /** Returns the bundle type this cooker writes. */
    BundleType bundleType();

    /** Returns the object types this cooker accepts. */
    Set<ObjectType> objectTypes();

    /** Returns how this cooker compresses its bundles. The default is {@link BundleCompression#GZIP}. */
    default BundleCompression compression() {
        return BundleCompression.GZIP;
    }

    /**
     * Returns a cooker of the same bundles compressed as {@code compression}, with this one's other settings: this
     * cooker if it compresses that way already. The default offers only this cooker's own compression.
     *
     * @param compression the compression wanted
     * @return the cooker, or empty if this cooker cannot compress that way
     */
    default Optional<Cooker> compressedWith(BundleCompression compression) {
        return compression == compression() ? Optional.of(this) : Optional.empty();
    }

    /**
     * Writes the bundle of {@code swhid} to {@code out}. Blocks until done. Does not close {@code out}.
     * On failure, what was written so far is garbage: the caller discards it.
     *
     * @param swhid the object to cook, a core SWHID of one of {@link #objectTypes()}
     * @param source where to read the archive from
     * @param out where to write the bundle
     * @param context where to report progress and check for cancellation
     * @throws IOException if writing to {@code out} fails
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#OBJECT_NOT_FOUND} if
     *     the object is missing, {@link org.swhvault.spi.ErrorCode#UNSUPPORTED} if its type is not accepted,
     *     {@link org.swhvault.spi.ErrorCode#CANCELLED} if cancelled, {@link org.swhvault.spi.ErrorCode#CORRUPT_OBJECT}
     *     if the object cannot be cooked safely (for example a directory entry named {@code ..})
     */
    void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context) throws IOException;
}
