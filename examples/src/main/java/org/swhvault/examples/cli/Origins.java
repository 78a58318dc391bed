package org.swhvault.examples.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/** Origin SWHIDs: {@code swh:1:ori:<sha1 of the URL's UTF-8 bytes>}, with no header. */
final class Origins {
    private Origins() {
    }

    static Swhid swhid(String url) {
        // TODO(h2-model): use the SPI's origin id once Identifiers has it
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(url.getBytes(StandardCharsets.UTF_8));
            return Swhid.of(ObjectType.ORIGIN, ObjectId.of(sha1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
