package org.swhvault.spi.model;

import java.util.Optional;
import java.util.OptionalLong;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/** Manifests and model rules of the SWH-only objects: raw extrinsic metadata and ExtIDs. */
final class ExtrinsicManifests {
    private static final String PREFIX = "swh:1:";

    private ExtrinsicManifests() {
    }

    static void writeRawExtrinsicMetadata(RawExtrinsicMetadata m, ManifestBuffer out) {
        header(out, "target", m.target());
        // Instant.getEpochSecond floors, as the archive does (-0.5 s is written -1).
        out.ascii("discovery_date ").decimal(m.discoveryDate().getEpochSecond()).write('\n');
        header(out, "authority", m.authority().type().value() + ' ' + m.authority().url());
        header(out, "fetcher", m.fetcher().name() + ' ' + m.fetcher().version());
        header(out, "format", m.format());
        m.origin().ifPresent(v -> header(out, "origin", v));
        if (m.visit().isPresent()) {
            out.ascii("visit ").decimal(m.visit().getAsLong()).write('\n');
        }
        m.snapshot().ifPresent(v -> header(out, "snapshot", v));
        m.release().ifPresent(v -> header(out, "release", v));
        m.revision().ifPresent(v -> header(out, "revision", v));
        m.path().ifPresent(v -> out.header("path", v));
        m.directory().ifPresent(v -> header(out, "directory", v));
        out.write('\n').write(m.metadata());
    }

    static void writeExtId(ExtId e, ManifestBuffer out) {
        header(out, "extid_type", e.extidType());
        if (e.extidVersion() != 0) {
            out.ascii("extid_version ").decimal(e.extidVersion()).write('\n');
        }
        out.header("extid", e.extid());
        header(out, "target", e.target());
        if (e.payloadType().isPresent()) {
            header(out, "payload_type", e.payloadType().get());
            out.header("payload", e.payload().orElseThrow().array());
        }
    }

    private static void header(ManifestBuffer out, String key, String value) {
        out.ascii(key).write(' ').escaped(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)).write('\n');
    }

    /** Returns the type tag of a well-formed {@code swh:1:<tag>:<40 hex>} string, or null. */
    static String tagOf(String swhid) {
        if (swhid.length() != PREFIX.length() + 4 + ObjectId.HEX_LENGTH || !swhid.startsWith(PREFIX)
                || swhid.charAt(PREFIX.length() + 3) != ':'
                || !ObjectId.isHex(swhid.substring(PREFIX.length() + 4))) {
            return null;
        }
        String tag = swhid.substring(PREFIX.length(), PREFIX.length() + 3);
        return switch (tag) {
            case "cnt", "dir", "rev", "rel", "snp", "ori", "emd" -> tag;
            default -> null;
        };
    }

    static boolean isCoreSwhid(String swhid) {
        String tag = tagOf(swhid);
        return tag != null && !tag.equals("ori") && !tag.equals("emd");
    }

    /** Enforces the archive's rules on which contexts each target type accepts. */
    static void validate(String target, Optional<String> origin, OptionalLong visit, Optional<String> snapshot,
            Optional<String> release, Optional<String> revision, Optional<Bytes> path, Optional<String> directory) {
        String tag = tagOf(target);
        if (tag == null) {
            throw invalid("target must be an extended SWHID swh:1:<cnt|dir|rev|rel|snp|ori|emd>:<40 hex>, got '"
                    + target + "'");
        }
        // Targets ordered from "outermost" to "innermost": a context is allowed only on inner targets.
        int depth = switch (tag) {
            case "ori", "emd" -> 0;
            case "snp" -> 1;
            case "rel" -> 2;
            case "rev" -> 3;
            case "dir" -> 4;
            default -> 5;
        };
        if (origin.isPresent()) {
            allow(depth >= 1, "origin", tag);
            if (origin.get().startsWith("swh:")) {
                throw invalid("the origin context must be a URL, not a SWHID: '" + origin.get() + "'");
            }
        }
        if (visit.isPresent()) {
            allow(depth >= 1, "visit", tag);
            if (origin.isEmpty()) {
                throw invalid("the visit context needs an origin context");
            }
            if (visit.getAsLong() <= 0) {
                throw invalid("the visit context must be positive, got " + visit.getAsLong());
            }
        }
        context(snapshot, "snapshot", "snp", depth >= 2, tag);
        context(release, "release", "rel", depth >= 3, tag);
        context(revision, "revision", "rev", depth >= 4, tag);
        if (path.isPresent()) {
            allow(depth >= 4, "path", tag);
        }
        context(directory, "directory", "dir", depth >= 5, tag);
    }

    private static void context(Optional<String> value, String key, String type, boolean allowed, String tag) {
        if (value.isEmpty()) {
            return;
        }
        allow(allowed, key, tag);
        if (!type.equals(tagOf(value.get()))) {
            throw invalid("the " + key + " context must be a core SWHID swh:1:" + type + ":<40 hex>, got '"
                    + value.get() + "'");
        }
    }

    private static void allow(boolean allowed, String key, String tag) {
        if (!allowed) {
            throw invalid("a " + key + " context is not allowed for metadata on an object of type " + tag);
        }
    }

    private static VaultException invalid(String message) {
        return new VaultException(ErrorCode.INVALID_OBJECT, "raw extrinsic metadata: " + message);
    }
}
