package org.swhvault.spi.model;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * Metadata about an archive object found outside of it (a forge's description, a deposit's
 * codemeta), as Software Heritage stores it. Its id is the hash part of an {@code swh:1:emd:} SWHID.
 * SWHIDs are held as their canonical strings.
 *
 * @param id the intrinsic id
 * @param target the extended SWHID of the described object (any type, {@code ori} and {@code emd}
 *     included)
 * @param discoveryDate when the metadata was found; only whole seconds (floored) are hashed
 * @param authority who published the metadata
 * @param fetcher the tool that fetched it
 * @param format the metadata format, such as {@code json}
 * @param metadata the raw metadata
 * @param origin the origin URL it was found in, if known (not for {@code ori} and {@code emd} targets)
 * @param visit the visit number, if known (positive; only with an origin)
 * @param snapshot the core SWHID of the snapshot context, if any
 * @param release the core SWHID of the release context, if any
 * @param revision the core SWHID of the revision context, if any
 * @param path the path of the target from the context root, if any
 * @param directory the core SWHID of the directory context, if any
 */
public record RawExtrinsicMetadata(
        ObjectId id,
        String target,
        Instant discoveryDate,
        Authority authority,
        Fetcher fetcher,
        String format,
        Bytes metadata,
        Optional<String> origin,
        OptionalLong visit,
        Optional<String> snapshot,
        Optional<String> release,
        Optional<String> revision,
        Optional<Bytes> path,
        Optional<String> directory) {

    /**
     * Validates the components against the archive's model rules.
     *
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if a SWHID is malformed or of the
     *     wrong type, a context is not allowed for the target's type, the visit is not positive or has
     *     no origin, or the origin is a SWHID
     */
    public RawExtrinsicMetadata {
        requireNonNull(id, "id is null");
        requireNonNull(target, "target is null");
        requireNonNull(discoveryDate, "discoveryDate is null");
        requireNonNull(authority, "authority is null");
        requireNonNull(fetcher, "fetcher is null");
        requireNonNull(format, "format is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(visit, "visit is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(release, "release is null");
        requireNonNull(revision, "revision is null");
        requireNonNull(path, "path is null");
        requireNonNull(directory, "directory is null");
        ExtrinsicManifests.validate(target, origin, visit, snapshot, release, revision, path, directory);
    }

    /** Returns a builder; its {@link Builder#build()} computes the id. */
    public static Builder builder() {
        return new Builder();
    }

    /** Kinds of metadata authorities. */
    public enum AuthorityType {
        /** A client depositing software into the archive. */
        DEPOSIT_CLIENT("deposit_client"),
        /** A code forge (GitHub, GitLab, …). */
        FORGE("forge"),
        /** A package registry (PyPI, npm, …). */
        REGISTRY("registry");

        private final String value;

        AuthorityType(String value) {
            this.value = value;
        }

        /** Returns the name written in manifests, such as {@code deposit_client}. */
        public String value() {
            return value;
        }
    }

    /**
     * Who published the metadata.
     *
     * @param type the kind of authority
     * @param url the authority's URL
     */
    public record Authority(AuthorityType type, String url) {
        /** Validates the components. */
        public Authority {
            requireNonNull(type, "type is null");
            requireNonNull(url, "url is null");
        }
    }

    /**
     * The tool that fetched the metadata.
     *
     * @param name the tool's name
     * @param version the tool's version
     */
    public record Fetcher(String name, String version) {
        /** Validates the components. */
        public Fetcher {
            requireNonNull(name, "name is null");
            requireNonNull(version, "version is null");
        }
    }

    /** Builds raw extrinsic metadata. Every setter returns this builder; not thread-safe. */
    public static final class Builder {
        private String target;
        private Instant discoveryDate;
        private Authority authority;
        private Fetcher fetcher;
        private String format;
        private Bytes metadata;
        private Optional<String> origin = Optional.empty();
        private OptionalLong visit = OptionalLong.empty();
        private Optional<String> snapshot = Optional.empty();
        private Optional<String> release = Optional.empty();
        private Optional<String> revision = Optional.empty();
        private Optional<Bytes> path = Optional.empty();
        private Optional<String> directory = Optional.empty();

        private Builder() {
        }

        /**
         * Sets the described object.
         *
         * @param swhid its extended SWHID, such as {@code swh:1:ori:<hex>}
         * @return this builder
         */
        public Builder target(String swhid) {
            this.target = requireNonNull(swhid, "swhid is null");
            return this;
        }

        /**
         * Sets the discovery date.
         *
         * @param date when the metadata was found
         * @return this builder
         */
        public Builder discoveryDate(Instant date) {
            this.discoveryDate = requireNonNull(date, "date is null");
            return this;
        }

        /**
         * Sets the authority.
         *
         * @param type the kind of authority
         * @param url its URL
         * @return this builder
         */
        public Builder authority(AuthorityType type, String url) {
            this.authority = new Authority(type, url);
            return this;
        }

        /**
         * Sets the fetcher.
         *
         * @param name the tool's name
         * @param version the tool's version
         * @return this builder
         */
        public Builder fetcher(String name, String version) {
            this.fetcher = new Fetcher(name, version);
            return this;
        }

        /**
         * Sets the format and the metadata.
         *
         * @param format the format, such as {@code json}
         * @param metadata the raw metadata
         * @return this builder
         */
        public Builder metadata(String format, Bytes metadata) {
            this.format = requireNonNull(format, "format is null");
            this.metadata = requireNonNull(metadata, "metadata is null");
            return this;
        }

        /**
         * Sets the origin context.
         *
         * @param url the origin URL
         * @return this builder
         */
        public Builder origin(String url) {
            this.origin = Optional.of(url);
            return this;
        }

        /**
         * Sets the visit context.
         *
         * @param visit the visit number, positive
         * @return this builder
         */
        public Builder visit(long visit) {
            this.visit = OptionalLong.of(visit);
            return this;
        }

        /**
         * Sets the snapshot context.
         *
         * @param swhid a core SWHID of type {@code snp}
         * @return this builder
         */
        public Builder snapshot(String swhid) {
            this.snapshot = Optional.of(swhid);
            return this;
        }

        /**
         * Sets the release context.
         *
         * @param swhid a core SWHID of type {@code rel}
         * @return this builder
         */
        public Builder release(String swhid) {
            this.release = Optional.of(swhid);
            return this;
        }

        /**
         * Sets the revision context.
         *
         * @param swhid a core SWHID of type {@code rev}
         * @return this builder
         */
        public Builder revision(String swhid) {
            this.revision = Optional.of(swhid);
            return this;
        }

        /**
         * Sets the path context.
         *
         * @param path the raw path
         * @return this builder
         */
        public Builder path(Bytes path) {
            this.path = Optional.of(path);
            return this;
        }

        /**
         * Sets the directory context.
         *
         * @param swhid a core SWHID of type {@code dir}
         * @return this builder
         */
        public Builder directory(String swhid) {
            this.directory = Optional.of(swhid);
            return this;
        }

        /**
         * Returns the metadata with its computed id.
         *
         * @return the metadata
         * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if target, discovery date,
         *     authority, fetcher or metadata is not set, or {@link ErrorCode#INVALID_OBJECT} if the
         *     model rules are broken
         */
        public RawExtrinsicMetadata build() {
            if (target == null || discoveryDate == null || authority == null || fetcher == null || metadata == null) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                        "raw extrinsic metadata needs a target, a discovery date, an authority, a fetcher and"
                                + " metadata");
            }
            ObjectId placeholder = ObjectId.wrap(new byte[ObjectId.LENGTH]);
            RawExtrinsicMetadata unhashed = new RawExtrinsicMetadata(placeholder, target, discoveryDate,
                    authority, fetcher, format, metadata, origin, visit, snapshot, release, revision, path,
                    directory);
            return new RawExtrinsicMetadata(Identifiers.of(unhashed), target, discoveryDate, authority,
                    fetcher, format, metadata, origin, visit, snapshot, release, revision, path, directory);
        }
    }
}
