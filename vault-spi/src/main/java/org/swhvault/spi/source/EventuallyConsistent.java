package org.swhvault.spi.source;

/**
 * A capability an {@link ObjectSource} offers (through {@link ObjectSource#unwrap}) when it reads a copy of
 * the archive that is fed by replication and only eventually consistent, such as a Software Heritage
 * mirror: an object may reference one that has not arrived yet. Cookers then treat a directory, revision
 * or release that is referenced but missing as not yet available (a transient failure, code
 * {@link org.swhvault.spi.ErrorCode#NOT_YET_AVAILABLE}, retried later) rather than leaving it out of the
 * bundle; so is a content with no row yet, or visible but whose bytes the source cannot serve yet, until the
 * last attempt the vault's availability horizon leaves, which writes the reference vault's placeholder text.
 */
public interface EventuallyConsistent {
}
