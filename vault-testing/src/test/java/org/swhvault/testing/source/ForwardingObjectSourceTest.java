package org.swhvault.testing.source;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.source.ObjectSource;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingObjectSourceTest {
    private static final ObjectId KNOWN = ObjectId.fromHex("1".repeat(40));
    private static final ObjectId OTHER = ObjectId.fromHex("2".repeat(40));

    /** Knows one content of 3 bytes, nothing else. */
    private static final class OneContent implements ObjectSource {
        @Override
        public Optional<Directory> directory(ObjectId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Revision> revision(ObjectId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Release> release(ObjectId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Snapshot> snapshot(ObjectId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Content> content(ObjectId id) {
            return id.equals(KNOWN) ? Optional.of(new Content(id, 3, ContentStatus.VISIBLE)) : Optional.empty();
        }

        @Override
        public InputStream openContent(ObjectId id) {
            return new ByteArrayInputStream(new byte[] {1, 2, 3});
        }

        @Override
        public Stream<Revision> revisionLog(ObjectId head) {
            return Stream.empty();
        }
    }

    @Test
    void everyAnswerIsTheWrappedSourcesUnlessOverridden() throws Exception {
        ObjectSource plain = new ForwardingObjectSource(new OneContent());
        assertThat(plain.content(KNOWN)).contains(new Content(KNOWN, 3, ContentStatus.VISIBLE));
        assertThat(plain.content(OTHER)).isEmpty();
        assertThat(plain.directory(KNOWN)).isEmpty();
        try (InputStream in = plain.openContent(KNOWN)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void batchLookupsSeeAnOverriddenSingleLookup() {
        ObjectSource lying = new ForwardingObjectSource(new OneContent()) {
            @Override
            public Optional<Content> content(ObjectId id) {
                return delegate.content(id).map(c -> new Content(id, 99, c.status()));
            }
        };
        assertThat(lying.contents(List.of(KNOWN, OTHER)))
                .isEqualTo(Map.of(KNOWN, new Content(KNOWN, 99, ContentStatus.VISIBLE)));
    }
}
