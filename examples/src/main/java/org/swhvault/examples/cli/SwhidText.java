package org.swhvault.examples.cli;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.swhid.Swhid;

/** SWHID strings as the command line reads them. */
final class SwhidText {
    private SwhidText() {
    }

    /** Parses {@code text}, strictly or the way swh-model does. */
    static Swhid parse(String text, boolean lenient) {
        // TODO(h1-swhid): Swhid.parse
        throw new VaultException(ErrorCode.UNSUPPORTED, "SWHID parsing is not available yet");
    }

    /** Returns whether both name the same object (type and id), whatever their qualifiers. */
    static boolean sameObject(Swhid a, Swhid b) {
        return a.type() == b.type() && a.id().equals(b.id());
    }
}
