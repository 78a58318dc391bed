/**
 * Fixtures for testing swhvault plug-ins: random bundle keys and reproducible pseudo-random bundle
 * bytes that are streamed, never held in memory. The conformance suites live in sub-packages, such as
 * {@link org.swhvault.testing.store}.
 */
package org.swhvault.testing;
