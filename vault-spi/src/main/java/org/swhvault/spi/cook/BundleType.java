package org.swhvault.spi.cook;

import java.util.Optional;

/** The kinds of bundle the vault cooks. */
public enum BundleType {
    /** A gzip tarball of a directory (or of every directory of a revision's history). */
    FLAT("flat", "tar.gz", "application/gzip"),
    /** A gzip {@code git fast-import} stream of a revision's history. */
    GITFAST("gitfast", "gitfast.gz", "application/gzip"),
    /** A tarball of a bare git repository holding one pack file and the refs. */
    GIT_BARE("git-bare", "git.tar", "application/x-tar");

    private final String name;
    private final String extension;
    private final String mediaType;

    BundleType(String name, String extension, String mediaType) {
        this.name = name;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** Returns the name used in the HTTP API and on the command line ({@code flat}, {@code gitfast}, {@code git-bare}). */
    public String apiName() {
        return name;
    }

    /** Returns the file name extension of downloaded bundles, without the dot ({@code tar.gz}). */
    public String extension() {
        return extension;
    }

    /** Returns the media type of downloaded bundles. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * Returns the type with the given API name; {@code git_bare} (the reference's spelling) is accepted
     * for {@code git-bare}.
     *
     * @param name the name
     * @return the type, or empty if unknown
     */
    public static Optional<BundleType> fromName(String name) {
        if ("git_bare".equals(name)) {
            return Optional.of(GIT_BARE);
        }
        for (BundleType t : values()) {
            if (t.name.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
