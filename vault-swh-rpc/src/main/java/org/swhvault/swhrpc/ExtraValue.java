package org.swhvault.swhrpc;

import static java.util.Objects.requireNonNull;

/**
 * An extra type the codec has no decoder for, kept as it came ({@code {b"swhtype": type, b"d": data}}) and
 * written back the same way, as swh-core leaves a map whose {@code swhtype} it does not know.
 *
 * @param type the {@code swhtype} name
 * @param data the payload, decoded
 */
public record ExtraValue(String type, Object data) {
    /** Validates the components. */
    public ExtraValue {
        requireNonNull(type, "type is null");
    }
}
