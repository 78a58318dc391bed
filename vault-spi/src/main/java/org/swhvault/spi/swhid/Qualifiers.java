package org.swhvault.spi.swhid;

import java.util.Optional;

import org.swhvault.spi.model.Bytes;

import static java.util.Objects.requireNonNull;

/**
 * The qualifiers of a qualified SWHID, already decoded. An absent qualifier is an empty
 * {@link Optional}; {@link #NONE} has none.
 *
 * <p>The record checks what makes a qualifier meaningless whatever the context: {@code visit} must
 * be a core snapshot SWHID, {@code anchor} a core SWHID of type {@code dir}, {@code rev}, {@code rel}
 * or {@code snp}, and {@code origin} must be well-formed Unicode (no unpaired surrogate). It does not
 * check the combination rules of ISO/IEC 18670 (for example {@code visit} without {@code origin}, or
 * {@code lines} on a directory): like the reference implementation, those are kept as given.
 *
 * @param origin the software origin URL, percent-decoded text
 * @param visit the snapshot of the visit
 * @param anchor the directory, revision, release or snapshot from which {@code path} starts
 * @param path the path from the anchor's root, percent-decoded bytes
 * @param lines the line range ({@code lines} fragment qualifier)
 * @param bytes the byte range ({@code bytes} fragment qualifier, ISO/IEC 18670 only)
 */
public record Qualifiers(
        Optional<String> origin,
        Optional<Swhid> visit,
        Optional<Swhid> anchor,
        Optional<Bytes> path,
        Optional<Range> lines,
        Optional<Range> bytes) {

    /** No qualifiers at all. */
    public static final Qualifiers NONE = new Qualifiers(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code visit} is not a core snapshot SWHID, {@code anchor} is
     *     not a core SWHID of type dir, rev, rel or snp, or {@code origin} has an unpaired surrogate
     */
    public Qualifiers {
        requireNonNull(origin, "origin is null");
        requireNonNull(visit, "visit is null");
        requireNonNull(anchor, "anchor is null");
        requireNonNull(path, "path is null");
        requireNonNull(lines, "lines is null");
        requireNonNull(bytes, "bytes is null");
        visit.ifPresent(v -> {
            if (!v.isCore() || v.type() != ObjectType.SNAPSHOT) {
                throw new IllegalArgumentException("visit must be a core snp SWHID, got " + v);
            }
        });
        anchor.ifPresent(a -> {
            if (!a.isCore() || a.type() == ObjectType.CONTENT) {
                throw new IllegalArgumentException("anchor must be a core dir, rev, rel or snp SWHID, got " + a);
            }
        });
        origin.ifPresent(o -> {
            if (Chars.firstUnpairedSurrogate(o, 0, o.length()) >= 0) {
                throw new IllegalArgumentException("origin has an unpaired surrogate");
            }
        });
    }

    /** Returns whether no qualifier is present. */
    public boolean isEmpty() {
        return origin.isEmpty() && visit.isEmpty() && anchor.isEmpty() && path.isEmpty()
                && lines.isEmpty() && bytes.isEmpty();
    }

    /** Returns a new builder with no qualifiers set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a new builder holding these qualifiers, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.origin = origin;
        b.visit = visit;
        b.anchor = anchor;
        b.path = path;
        b.lines = lines;
        b.bytes = bytes;
        return b;
    }

    /** Returns the qualifiers in canonical form, such as {@code ;origin=...;lines=9-15}, or "" if none. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        SwhidFormat.appendQualifiers(sb, this);
        return sb.toString();
    }

    /** Builds {@link Qualifiers}. Not thread-safe; setters return the builder. */
    public static final class Builder {
        private Optional<String> origin = Optional.empty();
        private Optional<Swhid> visit = Optional.empty();
        private Optional<Swhid> anchor = Optional.empty();
        private Optional<Bytes> path = Optional.empty();
        private Optional<Range> lines = Optional.empty();
        private Optional<Range> bytes = Optional.empty();

        private Builder() {
        }

        /**
         * Sets the origin URL (decoded text; the canonical form percent-encodes what needs it).
         *
         * @param origin the origin, or {@code null} to clear it
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = Optional.ofNullable(origin);
            return this;
        }

        /**
         * Sets the visit.
         *
         * @param visit a core snapshot SWHID, or {@code null} to clear it
         * @return this builder
         */
        public Builder visit(Swhid visit) {
            this.visit = Optional.ofNullable(visit);
            return this;
        }

        /**
         * Sets the anchor.
         *
         * @param anchor a core dir, rev, rel or snp SWHID, or {@code null} to clear it
         * @return this builder
         */
        public Builder anchor(Swhid anchor) {
            this.anchor = Optional.ofNullable(anchor);
            return this;
        }

        /**
         * Sets the path (raw bytes; the canonical form percent-encodes them).
         *
         * @param path the path, or {@code null} to clear it
         * @return this builder
         */
        public Builder path(Bytes path) {
            this.path = Optional.ofNullable(path);
            return this;
        }

        /**
         * Sets the path to the UTF-8 encoding of {@code path}.
         *
         * @param path the path, or {@code null} to clear it
         * @return this builder
         */
        public Builder path(String path) {
            this.path = Optional.ofNullable(path).map(Bytes::utf8);
            return this;
        }

        /**
         * Sets the {@code lines} fragment.
         *
         * @param lines the line range, or {@code null} to clear it
         * @return this builder
         */
        public Builder lines(Range lines) {
            this.lines = Optional.ofNullable(lines);
            return this;
        }

        /**
         * Sets the {@code bytes} fragment (ISO/IEC 18670).
         *
         * @param bytes the byte range, or {@code null} to clear it
         * @return this builder
         */
        public Builder bytes(Range bytes) {
            this.bytes = Optional.ofNullable(bytes);
            return this;
        }

        /**
         * Returns the qualifiers.
         *
         * @return the qualifiers; {@link #NONE} if none is set
         * @throws IllegalArgumentException as {@link Qualifiers#Qualifiers} does
         */
        public Qualifiers build() {
            Qualifiers q = new Qualifiers(origin, visit, anchor, path, lines, bytes);
            return q.isEmpty() ? NONE : q;
        }
    }
}
