/**
 * What the PostgreSQL plug-ins (the request store, the swh-storage archive source) share: where a database is
 * and how to log in, as libpq reads it ({@link org.swhvault.postgresql.PostgresLocation}).
 */
package org.swhvault.postgresql;
