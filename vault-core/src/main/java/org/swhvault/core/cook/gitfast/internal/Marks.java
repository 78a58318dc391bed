package org.swhvault.core.cook.gitfast.internal;

/** Hands out fast-import marks ({@code :1}, {@code :2}, ...) to blobs and commits alike. Not thread-safe. */
final class Marks {
    private int last;

    /** Returns the next unused mark. */
    int next() {
        if (last == Integer.MAX_VALUE) {
            throw new IllegalStateException("more than 2^31 marks");
        }
        return ++last;
    }
}
