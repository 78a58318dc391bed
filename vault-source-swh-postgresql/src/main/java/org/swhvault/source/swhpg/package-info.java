/**
 * A Software Heritage archive in swh-storage's PostgreSQL schema, with its file bytes in an objstorage: the
 * {@code swh-postgresql} object source ({@link org.swhvault.source.swhpg.SwhPostgresSource}), the schema for an
 * empty database ({@link org.swhvault.source.swhpg.SwhSchema}) and a loader that writes a git repository's
 * objects into such an archive ({@link org.swhvault.source.swhpg.SwhLoader}).
 */
package org.swhvault.source.swhpg;
