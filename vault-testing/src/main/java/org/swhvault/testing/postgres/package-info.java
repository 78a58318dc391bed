/** A real PostgreSQL server for tests, started from Debian's binaries in a cluster of its own. */
package org.swhvault.testing.postgres;
