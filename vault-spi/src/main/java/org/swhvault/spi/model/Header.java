package org.swhvault.spi.model;

import static java.util.Objects.requireNonNull;

/**
 * An extra header of a revision ({@code gpgsig}, {@code mergetag}, {@code encoding}, …), kept in order.
 *
 * @param key the header name
 * @param value the raw value, possibly spanning several lines
 */
public record Header(Bytes key, Bytes value) {
    /** Validates the components. */
    public Header {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
