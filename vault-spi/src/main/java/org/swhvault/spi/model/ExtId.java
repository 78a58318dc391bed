package org.swhvault.spi.model;

import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * A link from an identifier outside the archive (a Mercurial node id, a package checksum) to an
 * archive object. ExtIDs have no SWHID type; their id is internal to the archive.
 *
 * @param id the intrinsic id
 * @param extidType the kind of external identifier, such as {@code hg-nodeid}
 * @param extidVersion the version of the mapping; 0 is not written in the manifest
 * @param extid the external identifier's raw bytes
 * @param target the core SWHID of the archive object, as a string
 * @param payloadType the kind of payload, if any (only with a payload)
 * @param payload the sha1_git of a content holding extra data, if any (only with a payload type)
 */
public record ExtId(
        ObjectId id,
        String extidType,
        int extidVersion,
        Bytes extid,
        String target,
        Optional<String> payloadType,
        Optional<ObjectId> payload) {

    /**
     * Validates the components.
     *
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if {@code target} is not a core SWHID,
     *     or exactly one of payload type and payload is given
     */
    public ExtId {
        requireNonNull(id, "id is null");
        requireNonNull(extidType, "extidType is null");
        requireNonNull(extid, "extid is null");
        requireNonNull(target, "target is null");
        requireNonNull(payloadType, "payloadType is null");
        requireNonNull(payload, "payload is null");
        if (!ExtrinsicManifests.isCoreSwhid(target)) {
            throw new VaultException(ErrorCode.INVALID_OBJECT,
                    "ExtID target must be a core SWHID (swh:1:<cnt|dir|rev|rel|snp>:<40 hex>), got '" + target + "'");
        }
        if (payloadType.isPresent() != payload.isPresent()) {
            throw new VaultException(ErrorCode.INVALID_OBJECT,
                    "ExtID payload type and payload must be given together or not at all");
        }
    }

    /**
     * Returns an ExtID without payload, with its computed id.
     *
     * @param extidType the kind of external identifier
     * @param extidVersion the version of the mapping (usually 0)
     * @param extid the external identifier's bytes
     * @param target the core SWHID of the archive object
     * @return the ExtID
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if {@code target} is not a core SWHID
     */
    public static ExtId of(String extidType, int extidVersion, Bytes extid, String target) {
        return of(extidType, extidVersion, extid, target, Optional.empty(), Optional.empty());
    }

    /**
     * Returns an ExtID, with its computed id.
     *
     * @param extidType the kind of external identifier
     * @param extidVersion the version of the mapping (usually 0)
     * @param extid the external identifier's bytes
     * @param target the core SWHID of the archive object
     * @param payloadType the kind of payload, if any
     * @param payload the payload content's sha1_git, if any
     * @return the ExtID
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if {@code target} is not a core SWHID,
     *     or exactly one of payload type and payload is given
     */
    public static ExtId of(String extidType, int extidVersion, Bytes extid, String target,
            Optional<String> payloadType, Optional<ObjectId> payload) {
        ExtId unhashed = new ExtId(ObjectId.wrap(new byte[ObjectId.LENGTH]), extidType, extidVersion, extid,
                target, payloadType, payload);
        return new ExtId(Identifiers.of(unhashed), extidType, extidVersion, extid, target, payloadType, payload);
    }
}
