package org.swhvault.spi.swhid;

import static java.util.Objects.requireNonNull;

/**
 * Parses SWHID strings in one of two {@linkplain Mode modes}, for one of the SWHID classes of the
 * reference implementation. {@link Swhid} describes exactly what each mode accepts. Instances are
 * immutable and thread-safe; parsing never blocks.
 *
 * <table>
 *   <caption>Which method accepts what</caption>
 *   <tr><th>method</th><th>object types</th><th>qualifiers</th><th>reference class</th></tr>
 *   <tr><td>{@link #parse}</td><td>all seven</td><td>on core types only</td><td>QualifiedSWHID or ExtendedSWHID</td></tr>
 *   <tr><td>{@link #parseQualified}</td><td>cnt dir rev rel snp</td><td>yes</td><td>QualifiedSWHID</td></tr>
 *   <tr><td>{@link #parseCore}</td><td>cnt dir rev rel snp</td><td>no</td><td>CoreSWHID</td></tr>
 *   <tr><td>{@link #parseExtended}</td><td>all seven</td><td>no</td><td>ExtendedSWHID</td></tr>
 * </table>
 */
public final class SwhidParser {
    /** How much of the reference implementation's leniency to reproduce. */
    public enum Mode {
        /** ISO/IEC 18670 and the SWHID test suite: the default. */
        STRICT,
        /** Exactly what swh-model's {@code swh.model.swhids} accepts, quirks included. */
        LENIENT
    }

    private static final SwhidParser STRICT = new SwhidParser(Mode.STRICT);
    private static final SwhidParser LENIENT = new SwhidParser(Mode.LENIENT);

    private final Mode mode;
    private final boolean strict;

    private SwhidParser(Mode mode) {
        this.mode = mode;
        this.strict = mode == Mode.STRICT;
    }

    /**
     * Returns the parser for a mode.
     *
     * @param mode strict or lenient
     * @return the shared parser
     */
    public static SwhidParser of(Mode mode) {
        return requireNonNull(mode, "mode is null") == Mode.STRICT ? STRICT : LENIENT;
    }

    /** Returns the strict parser (ISO/IEC 18670). */
    public static SwhidParser strict() {
        return STRICT;
    }

    /** Returns the lenient parser (swh-model compatible). */
    public static SwhidParser lenient() {
        return LENIENT;
    }

    /** Returns this parser's mode. */
    public Mode mode() {
        return mode;
    }

    /**
     * Parses any SWHID: a core or qualified SWHID of type cnt, dir, rev, rel or snp, or an extended
     * SWHID of type ori or emd (which never has qualifiers).
     *
     * @param swhid the text, not trimmed
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not a valid SWHID in this mode
     */
    public Swhid parse(String swhid) {
        return SwhidScanner.parse(swhid, strict, true, true);
    }

    /**
     * Parses a core or qualified SWHID: type cnt, dir, rev, rel or snp, with or without qualifiers.
     *
     * @param swhid the text, not trimmed
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not such a SWHID in this mode
     */
    public Swhid parseQualified(String swhid) {
        return SwhidScanner.parse(swhid, strict, false, true);
    }

    /**
     * Parses a core SWHID: type cnt, dir, rev, rel or snp and no qualifiers. The mode does not
     * matter here: both modes agree on core SWHIDs.
     *
     * @param swhid the text, not trimmed
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not a core SWHID
     */
    public Swhid parseCore(String swhid) {
        return SwhidScanner.parse(swhid, strict, false, false);
    }

    /**
     * Parses an extended SWHID: any of the seven types (core types, ori, emd) and no qualifiers.
     *
     * @param swhid the text, not trimmed
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not an extended SWHID
     */
    public Swhid parseExtended(String swhid) {
        return SwhidScanner.parse(swhid, strict, true, false);
    }

    /** Returns {@code SwhidParser[STRICT]} or {@code SwhidParser[LENIENT]}. */
    @Override
    public String toString() {
        return "SwhidParser[" + mode + "]";
    }
}
