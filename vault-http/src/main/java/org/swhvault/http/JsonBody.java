package org.swhvault.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A small JSON document in UTF-8, written with Jackson's streaming generator: text of the BMP as UTF-8 (as the
 * reference's Django REST framework renders it), control characters and surrogates escaped. Documents
 * answered often (a bundle's status) are written into a buffer the thread reuses, so that answering allocates
 * little. Immutable once written.
 */
final class JsonBody {
    /**
     * Jackson's defaults: characters beyond the BMP are written as a pair of escapes ({@code \uD83D\uDE00}),
     * which every parser reads back. Not {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}: Jackson 2.20 then combines
     * an unpaired high surrogate with whatever character follows it into a wrong code point.
     */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    /** Writes a document's content. */
    @FunctionalInterface
    interface Content {
        void write(JsonGenerator json) throws IOException;
    }

    private final byte[] array;
    private final int length;

    private JsonBody(byte[] array, int length) {
        this.array = array;
        this.length = length;
    }

    /** Writes a document into a new array: for answers sent after this call returns (asynchronously). */
    static JsonBody of(Content content) {
        Buffer buffer = new Buffer();
        write(buffer, content);
        return new JsonBody(buffer.array(), buffer.size());
    }

    /**
     * Writes a document into the calling thread's buffer: valid until the thread's next call, so only for an
     * answer sent before then.
     */
    static JsonBody reusing(Content content) {
        Buffer buffer = BUFFERS.get();
        buffer.reset();
        write(buffer, content);
        return new JsonBody(buffer.array(), buffer.size());
    }

    private static void write(Buffer buffer, Content content) {
        try (JsonGenerator json = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            content.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** Returns the array holding the document; only its first {@link #length()} bytes are the document. */
    byte[] array() {
        return array;
    }

    /** Returns the document's length in bytes. */
    int length() {
        return length;
    }

    /** Returns a copy of the document. */
    byte[] toByteArray() {
        return Arrays.copyOf(array, length);
    }

    /** A byte array stream whose array can be read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        byte[] array() {
            return buf;
        }
    }
}
