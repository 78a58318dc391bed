/**
 * The fifth extension point: where an archive source finds content bytes. Software Heritage keeps an
 * archive's graph (swh-storage) apart from its file bytes (swh-objstorage); an {@link
 * org.swhvault.spi.objstorage.ObjStorage} reads and writes the second.
 */
package org.swhvault.spi.objstorage;
