/** The conformance suite every {@link org.swhvault.spi.request.RequestStore} passes. */
package org.swhvault.testing.request;
