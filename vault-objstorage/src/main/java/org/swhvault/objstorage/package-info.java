/**
 * Content bytes from a Software Heritage objstorage. {@link org.swhvault.objstorage.PathSlicingObjStorage}
 * reads and writes swh-objstorage's {@code pathslicing} layout, found by the name {@code pathslicing} through
 * {@link org.swhvault.objstorage.PathSlicingObjStorageProvider}; {@link org.swhvault.objstorage.Compression} and
 * {@link org.swhvault.objstorage.StoredContent} are what every back end shares (the formats swh-objstorage
 * writes, and the sha1 check of every content as it streams); {@link org.swhvault.objstorage.ObjStorageSpec}
 * reads the one-word form a command line takes, such as {@code pathslicing:/srv/objects}.
 */
package org.swhvault.objstorage;
