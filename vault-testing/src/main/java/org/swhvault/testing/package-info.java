/**
 * Fixtures for testing swhvault plug-ins: random bundle keys and reproducible pseudo-random bundle
 * bytes that are streamed, never held in memory. The conformance suites and the other fixtures live in
 * sub-packages: {@link org.swhvault.testing.store} (the {@code BundleStore} suite),
 * {@link org.swhvault.testing.objstorage} (the {@code ObjStorage} suite),
 * {@link org.swhvault.testing.git} (repositories built with the real {@code git}),
 * {@link org.swhvault.testing.source} (object sources a test can make lie) and
 * {@link org.swhvault.testing.process} (running real programs as oracles).
 */
package org.swhvault.testing;
