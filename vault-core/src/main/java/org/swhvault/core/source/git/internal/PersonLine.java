package org.swhvault.core.source.git.internal;

import java.util.Optional;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Timestamp;

/**
 * An author, committer or tagger value split as git splits it: the full name runs to the last
 * {@code >}, then {@code SP seconds SP offset}, the seconds possibly negative (git writes and
 * {@code fast-import} reads dates before 1970). The offset bytes are kept verbatim. A line that does
 * not fit keeps its full name and no date; the caller's canonical check then keeps the raw object.
 *
 * @param person the person
 * @param date the date, if the line has one that can be written back as read
 */
record PersonLine(Person person, Optional<Timestamp> date) {
    private static final int MAX_SECONDS_DIGITS = 18;

    static PersonLine parse(byte[] value) {
        int gt = lastIndexOf(value, (byte) '>');
        if (gt < 0) {
            return new PersonLine(new Person(Bytes.wrap(value)), Optional.empty());
        }
        Person person = new Person(Bytes.of(value, 0, gt + 1));
        int p = gt + 1;
        if (p == value.length || value[p] != ' ') {
            return new PersonLine(person, Optional.empty());
        }
        p++;
        boolean negative = p < value.length && value[p] == '-';
        if (negative) {
            p++;
        }
        int digitsStart = p;
        long seconds = 0;
        while (p < value.length && value[p] >= '0' && value[p] <= '9') {
            seconds = seconds * 10 + (value[p] - '0');
            p++;
        }
        int digits = p - digitsStart;
        if (digits == 0 || digits > MAX_SECONDS_DIGITS || p + 1 >= value.length || value[p] != ' ') {
            return new PersonLine(person, Optional.empty());
        }
        Bytes offset = Bytes.of(value, p + 1, value.length - p - 1);
        return new PersonLine(person, Optional.of(new Timestamp(negative ? -seconds : seconds, 0, offset)));
    }

    private static int lastIndexOf(byte[] buf, byte b) {
        for (int i = buf.length - 1; i >= 0; i--) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
