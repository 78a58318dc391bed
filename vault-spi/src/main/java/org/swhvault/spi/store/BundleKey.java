package org.swhvault.spi.store;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * Names one bundle: a bundle type and the core SWHID of the cooked object.
 *
 * @param type the bundle type
 * @param swhid the object's SWHID; qualifiers are dropped
 */
public record BundleKey(BundleType type, Swhid swhid) {
    /** Validates the components and drops qualifiers. */
    public BundleKey {
        requireNonNull(type, "type is null");
        requireNonNull(swhid, "swhid is null");
        swhid = Swhid.of(swhid.type(), swhid.id());
    }

    /**
     * Returns the file name a person downloads the bundle under, as the reference vault names it:
     * {@code swh_1_dir_<hex>.tar.gz}, {@code swh_1_rev_<hex>.gitfast.gz}, {@code swh_1_snp_<hex>.git.tar}.
     *
     * @return the file name
     */
    public String fileName() {
        return swhid.toString().replace(':', '_') + "." + type.extension();
    }

    /** Returns {@code <bundle type>:<swhid>}, such as {@code flat:swh:1:dir:…}. */
    @Override
    public String toString() {
        return type.apiName() + ":" + swhid;
    }
}
