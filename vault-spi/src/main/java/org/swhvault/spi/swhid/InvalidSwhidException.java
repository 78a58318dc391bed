package org.swhvault.spi.swhid;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * A SWHID string or binary form could not be parsed. The code is always
 * {@link ErrorCode#INVALID_SWHID}; {@link #column()} says where in the input the problem is, so a
 * user interface can point at it.
 *
 * <p>The message reads {@code <problem> at column <n>[: <detail>]}, for example
 * {@code invalid object id at column 11: expected 40 lowercase hex digits}. For the binary form the
 * position is a byte: {@code wrong version byte 2 at byte 1: expected 1}.
 */
public final class InvalidSwhidException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int column;
    private final String reason;

    /**
     * Creates an exception about a SWHID string.
     *
     * @param input the text that was parsed
     * @param column the 1-based position (in code points) of the problem; {@code length + 1} when
     *     the input ends too early
     * @param problem what is wrong, such as {@code invalid object id}
     * @param detail what was expected or why it matters, or {@code null}
     */
    public InvalidSwhidException(String input, int column, String problem, String detail) {
        this(input, column, problem, detail, "column");
    }

    private InvalidSwhidException(String input, int column, String problem, String detail, String unit) {
        super(ErrorCode.INVALID_SWHID, problem + " at " + unit + " " + column + (detail == null ? "" : ": " + detail));
        this.input = requireNonNull(input, "input is null");
        this.column = column;
        this.reason = detail == null ? problem : problem + ": " + detail;
    }

    /**
     * Creates an exception about a binary SWHID.
     *
     * @param hex the input bytes in hex
     * @param position the 1-based index of the offending byte
     * @param problem what is wrong
     * @param detail what was expected, or {@code null}
     * @return the exception
     */
    static InvalidSwhidException binary(String hex, int position, String problem, String detail) {
        return new InvalidSwhidException(hex, position, problem, detail, "byte");
    }

    /** Returns the input that failed to parse (for the binary form: its bytes in lowercase hex). */
    public String input() {
        return input;
    }

    /**
     * Returns the 1-based position of the problem: a column in code points for strings (one past the
     * end when the input is cut short), a byte index for the binary form.
     */
    public int column() {
        return column;
    }

    /** Returns what is wrong and what was expected, without the position. */
    public String reason() {
        return reason;
    }
}
