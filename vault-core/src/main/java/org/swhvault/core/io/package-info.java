/**
 * Writing bundles to files safely: {@link org.swhvault.core.io.AtomicFile} publishes a file only when
 * it is complete (nothing is left behind by a failure, a cancellation or a SIGINT/SIGTERM), and
 * {@link org.swhvault.core.io.SizeLimitedOutputStream} stops a bundle that grows past its limit.
 */
package org.swhvault.core.io;
