package org.swhvault.core.identify;

import java.util.List;

import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;

/** The id of a directory made of given entries, computed by the SPI's canonical manifest. */
final class DirectoryIds {
    private DirectoryIds() {
    }

    static ObjectId of(List<DirectoryEntry> entries) {
        return Identifiers.hash("tree", Manifests.directory(entries));
    }
}
