/** The conformance suite every {@link org.swhvault.spi.cook.Cooker} passes. */
package org.swhvault.testing.cook;
