/**
 * Helpers for testing code that reads an {@link org.swhvault.spi.source.ObjectSource}:
 * {@link org.swhvault.testing.source.ForwardingObjectSource} wraps a real source so a test can make it
 * lie or fail.
 */
package org.swhvault.testing.source;
