/**
 * The {@code postgresql} request store: vault requests in PostgreSQL, shared by any number of vault processes
 * ({@link org.swhvault.requests.postgresql.PostgresRequestStore}, found by name through
 * {@link org.swhvault.requests.postgresql.PostgresRequestStoreProvider}).
 */
package org.swhvault.requests.postgresql;
