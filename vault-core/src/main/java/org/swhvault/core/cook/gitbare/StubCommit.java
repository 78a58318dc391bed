package org.swhvault.core.cook.gitbare;

import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Timestamp;

/**
 * The commit a directory bundle puts on {@code master}, so that the directory can be cloned. Unlike
 * the reference vault's (dated "now"), it depends on the directory alone: fixed author, committer,
 * date and message, hence a fixed id per directory.
 */
final class StubCommit {
    /** The author and committer, as in the reference vault. */
    static final Person PERSON = Person.of("swh-vault, git-bare cooker", "robot@softwareheritage.org");
    /** The author and committer date: 2000-01-01T00:00:00Z, the mtime of every tar entry. */
    static final Timestamp DATE = Timestamp.of(946_684_800L, "+0000");
    /** The message. */
    static final String MESSAGE = "Initial commit\n";

    private StubCommit() {
    }

    /** Returns the stub commit of {@code directory}, with its id. */
    static Revision of(ObjectId directory) {
        return Revision.builder().directory(directory).author(PERSON, DATE).committer(PERSON, DATE).message(MESSAGE)
                .build();
    }
}
