package org.swhvault.core.cook.gitfast.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Timestamp;

/**
 * {@code author} and {@code committer} commands in the {@code raw} date format. fast-import copies the
 * identity ({@code name SP LT email GT}) and the date verbatim into the commit, so a revision keeps its
 * id when its raw full name has that shape and its offset is accepted; anything else is written in a
 * valid form and reported as a loss.
 */
final class Signatures {
    /** How fast-import's date parser takes an offset. */
    enum Zone {
        /** Accepted by the default {@code raw} format: a sign and digits worth at most 1400. */
        STRICT,
        /** Accepted only by {@code raw-permissive}: a sign and digits worth more than 1400. */
        PERMISSIVE,
        /** Rejected: fast-import would abort the import. */
        INVALID
    }

    private static final byte[] NO_DATE = "0 +0000".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UTC = "+0000".getBytes(StandardCharsets.US_ASCII);
    /** More digits than this could overflow fast-import's {@code strtoul}. */
    private static final int MAX_ZONE_DIGITS = 18;

    private Signatures() {
    }

    /** Returns how fast-import takes an offset. */
    static Zone classify(Bytes offset) {
        int n = offset.length();
        if (n < 2 || n > MAX_ZONE_DIGITS + 1 || (offset.byteAt(0) != '+' && offset.byteAt(0) != '-')) {
            return Zone.INVALID;
        }
        long value = 0;
        for (int i = 1; i < n; i++) {
            byte b = offset.byteAt(i);
            if (b < '0' || b > '9') {
                return Zone.INVALID;
            }
            value = value * 10 + (b - '0');
        }
        return value <= 1400 ? Zone.STRICT : Zone.PERMISSIVE;
    }

    /** Returns whether a revision has an offset only {@code raw-permissive} accepts. */
    static boolean needsPermissiveDates(Revision revision) {
        return revision.date().map(d -> classify(d.offset()) == Zone.PERMISSIVE).orElse(false)
                || revision.committerDate().map(d -> classify(d.offset()) == Zone.PERMISSIVE).orElse(false);
    }

    /**
     * Writes {@code command SP ident SP seconds SP offset LF}.
     *
     * @param permissive whether the stream declared the {@code raw-permissive} date format
     * @param losses where to add {@link LossReason#PERSON}, {@link LossReason#DATE} or
     *     {@link LossReason#TIME_ZONE} when the line cannot be the original
     */
    static void write(ByteArrayOutputStream out, String command, Optional<Person> person, Optional<Timestamp> date,
            boolean permissive, Set<LossReason> losses) {
        out.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        if (person.isEmpty()) {
            losses.add(LossReason.PERSON);
            out.writeBytes(new byte[] {'<', '>'});
        } else {
            out.writeBytes(ident(person.get().fullname(), losses));
        }
        out.write(' ');
        if (date.isEmpty()) {
            losses.add(LossReason.DATE);
            out.writeBytes(NO_DATE);
        } else {
            Timestamp t = date.get();
            if (t.microseconds() != 0) {
                losses.add(LossReason.DATE);
            }
            out.writeBytes(Long.toString(t.seconds()).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            Zone zone = classify(t.offset());
            if (zone == Zone.STRICT || (zone == Zone.PERMISSIVE && permissive)) {
                out.writeBytes(t.offset().toByteArray());
            } else {
                losses.add(LossReason.TIME_ZONE);
                out.writeBytes(UTC);
            }
        }
        out.write('\n');
    }

    /**
     * Returns the identity to write: the full name itself when fast-import reproduces it (a name ending
     * with a space, then {@code <email>}, with no other angle bracket, LF or NUL), else a repaired copy.
     * A full name that starts with {@code <} is written as is, but fast-import puts a space before it.
     */
    static byte[] ident(Bytes fullname, Set<LossReason> losses) {
        byte[] b = fullname.toByteArray();
        int lt = indexOfAny(b, 0, "<>\n\0");
        if (lt >= 0 && b[lt] == '<') {
            int gt = indexOfAny(b, lt + 1, "<>\n\0");
            if (gt == b.length - 1 && b[gt] == '>') {
                if (lt == 0) {
                    losses.add(LossReason.PERSON);
                    return b;
                }
                if (b[lt - 1] == ' ') {
                    return b;
                }
            }
        }
        losses.add(LossReason.PERSON);
        return repaired(b);
    }

    /** Keeps what looks like the name and the email, dropping the bytes fast-import cannot take. */
    private static byte[] repaired(byte[] b) {
        int lt = indexOfAny(b, 0, "<");
        int nameEnd = lt < 0 ? b.length : lt;
        int emailEnd = lt < 0 ? lt : indexOfAny(b, lt + 1, ">");
        if (lt >= 0 && emailEnd < 0) {
            emailEnd = b.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 3);
        copyAllowed(b, 0, nameEnd, out);
        if (out.size() > 0 && out.toByteArray()[out.size() - 1] != ' ') {
            out.write(' ');
        }
        out.write('<');
        if (lt >= 0) {
            copyAllowed(b, lt + 1, emailEnd, out);
        }
        out.write('>');
        return out.toByteArray();
    }

    private static void copyAllowed(byte[] b, int from, int to, ByteArrayOutputStream out) {
        for (int i = from; i < to; i++) {
            if (b[i] != '<' && b[i] != '>' && b[i] != '\n' && b[i] != 0) {
                out.write(b[i]);
            }
        }
    }

    private static int indexOfAny(byte[] b, int from, String chars) {
        for (int i = from; i < b.length; i++) {
            if (chars.indexOf(b[i]) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
