package org.swhvault.spi.model;

/** Whether the archive holds a content's bytes. A content unknown to the archive is "missing" instead. */
public enum ContentStatus {
    /** The bytes are available. */
    VISIBLE,
    /** The bytes exist but are hidden (for example, taken down). */
    HIDDEN,
    /** The bytes were not retrieved (skipped at ingestion, usually for size). */
    ABSENT
}
