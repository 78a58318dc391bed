package org.swhvault.core.cook.internal;

import java.nio.charset.StandardCharsets;

import org.swhvault.spi.model.ContentStatus;

/** The reference vault's texts written instead of a content whose bytes cannot be had (no trailing newline). */
public final class Placeholders {
    /** For an absent (skipped) content, or one said to be visible whose bytes cannot be read. */
    public static final String ABSENT =
            "This content has not been retrieved in the Software Heritage archive due to its size.";
    /** For a hidden content. */
    public static final String HIDDEN = "This content is hidden.";
    /** For a content the source does not know at all. */
    public static final String MISSING = "This content is missing from the Software Heritage archive "
            + "(or from the mirror used while retrieving it).";

    private static final byte[] ABSENT_BYTES = ABSENT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HIDDEN_BYTES = HIDDEN.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MISSING_BYTES = MISSING.getBytes(StandardCharsets.US_ASCII);

    private Placeholders() {
    }

    /** Returns the placeholder bytes for a content of {@code status}; null means missing. */
    public static byte[] forStatus(ContentStatus status) {
        if (status == null) {
            return MISSING_BYTES.clone();
        }
        return switch (status) {
            case HIDDEN -> HIDDEN_BYTES.clone();
            case ABSENT, VISIBLE -> ABSENT_BYTES.clone();
        };
    }
}
