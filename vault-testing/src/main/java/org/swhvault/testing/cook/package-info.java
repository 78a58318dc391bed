/**
 * The conformance suite every {@link org.swhvault.spi.cook.Cooker} passes, and {@link
 * org.swhvault.testing.cook.TestCooker}, the cooker that tests of engines, servers and stores run.
 */
package org.swhvault.testing.cook;
