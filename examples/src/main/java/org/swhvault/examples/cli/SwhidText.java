package org.swhvault.examples.cli;

import org.swhvault.spi.swhid.Swhid;
import org.swhvault.spi.swhid.SwhidParser;

/** SWHID strings as the command line reads them. */
final class SwhidText {
    private SwhidText() {
    }

    /**
     * Parses {@code text}: strictly (ISO 18670), or as swh-model does when {@code lenient}.
     *
     * @throws org.swhvault.spi.swhid.InvalidSwhidException if it is not a valid SWHID
     */
    static Swhid parse(String text, boolean lenient) {
        return Swhid.parse(text, lenient ? SwhidParser.Mode.LENIENT : SwhidParser.Mode.STRICT);
    }

    /** Returns whether both name the same object (type and id), whatever their qualifiers. */
    static boolean sameObject(Swhid a, Swhid b) {
        return a.type() == b.type() && a.id().equals(b.id());
    }
}
