package org.swhvault.core.cook.gitbare.pack;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1, which every Java platform has. */
final class Sha1 {
    private Sha1() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform supports SHA-1", e);
        }
    }
}
