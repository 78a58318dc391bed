package org.swhvault.source.swhrpc;

import java.util.Set;

import org.swhvault.spi.swhid.Swhid;

/**
 * swh-storage's masking proxy refused a call because some of the objects it would return are masked
 * (taken down, or under review): its {@code MaskedObjectException}, with the SWHIDs it names.
 */
final class MaskedObjects extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Set<Swhid> swhids;

    MaskedObjects(Set<Swhid> swhids, String message) {
        super(message, null, false, false);
        this.swhids = Set.copyOf(swhids);
    }

    /** Returns the masked objects, as extended SWHIDs without qualifiers. */
    Set<Swhid> swhids() {
        return swhids;
    }
}
