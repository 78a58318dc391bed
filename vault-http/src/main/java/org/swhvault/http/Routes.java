package org.swhvault.http;

import java.util.Locale;
import java.util.Optional;

import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.InvalidSwhidException;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.spi.swhid.SwhidParser;

/**
 * Maps request paths (already percent-decoded) to {@link Route}s, with the reference's rules: the SWHID
 * segment is parsed like swh-web does (core lower-cased, qualifiers allowed and dropped, spaces in
 * qualifiers taken as {@code %20}); a malformed one is a 400 "Error when parsing identifier: …"; legacy hex
 * with uppercase digits is redirected to lowercase; legacy hex that is not 40 digits is a 400 "Only sha1_git
 * is supported.". A trailing slash is optional. Stateless.
 */
final class Routes {
    static final String API_PREFIX = "/api/1/";
    static final String VAULT_PREFIX = "/api/1/vault/";
    private static final Route UNKNOWN = new Route.Unknown();

    private Routes() {
    }

    /**
     * Returns the route a path names.
     *
     * @param path the decoded path
     * @param rawQuery the raw query string, or null; kept in redirects
     * @return the route, {@link Route.Unknown} if none
     * @throws ApiError 400 if the path names a vault route with a malformed identifier
     */
    static Route parse(String path, String rawQuery) {
        if (!path.startsWith(VAULT_PREFIX)) {
            return UNKNOWN;
        }
        int slash = path.indexOf('/', VAULT_PREFIX.length());
        if (slash < 0) {
            return UNKNOWN;
        }
        String first = path.substring(VAULT_PREFIX.length(), slash);
        String tail = path.substring(slash + 1);
        boolean raw = false;
        if (tail.endsWith("/")) {
            tail = tail.substring(0, tail.length() - 1);
        }
        if (tail.endsWith("/raw")) {
            raw = true;
            tail = tail.substring(0, tail.length() - "/raw".length());
        }
        return switch (first) {
            case "directory" -> legacy(tail, raw, "", ObjectType.DIRECTORY, BundleType.FLAT, rawQuery);
            case "revision" -> tail.endsWith("/gitfast")
                    ? legacy(tail.substring(0, tail.length() - "/gitfast".length()), raw, "/gitfast",
                            ObjectType.REVISION, BundleType.GITFAST, rawQuery)
                    : UNKNOWN;
            default -> {
                Optional<BundleType> type = BundleType.fromName(first);
                if (type.isEmpty() || tail.isEmpty()) {
                    yield UNKNOWN;
                }
                Swhid swhid = parseSwhid(tail);
                yield raw ? new Route.Raw(type.get(), swhid) : new Route.Cook(type.get(), swhid, false);
            }
        };
    }

    /**
     * Parses a SWHID from a path as swh-web does, and returns its core.
     *
     * @param text the decoded path segment
     * @return the core SWHID
     * @throws ApiError 400 "Error when parsing identifier: …" if it is not a core SWHID of an archive object
     */
    static Swhid parseSwhid(String text) {
        int semi = text.indexOf(';');
        String core = (semi < 0 ? text : text.substring(0, semi)).toLowerCase(Locale.ROOT);
        String qualifiers = semi < 0 ? "" : text.substring(semi).replace(" ", "%20");
        Swhid swhid;
        try {
            swhid = SwhidParser.lenient().parseQualified(qualifiers.isEmpty() ? core : core + qualifiers);
        } catch (InvalidSwhidException e) {
            throw ApiError.badInput("Error when parsing identifier: " + e.getMessage());
        }
        if (!qualifiers.isEmpty()) {
            // The reference parses the path with CoreSWHID, which has no qualifiers: say so rather than drop them.
            throw ApiError.badInput("Error when parsing identifier: CoreSWHID does not support qualifiers.");
        }
        return swhid.toCore();
    }

    /** {@code /vault/directory/<hex>/[raw/]} and {@code /vault/revision/<hex>/gitfast/[raw/]}. */
    private static Route legacy(String hex, boolean raw, String suffix, ObjectType objectType, BundleType type,
            String rawQuery) {
        if (hex.isEmpty()) {
            return UNKNOWN;
        }
        boolean upper = false;
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return UNKNOWN;
            }
        }
        String allow = raw ? Route.RAW_METHODS : Route.COOK_METHODS;
        if (upper) {
            String legacyPath = VAULT_PREFIX + (objectType == ObjectType.DIRECTORY ? "directory/" : "revision/")
                    + hex.toLowerCase(Locale.ROOT) + suffix + (raw ? "/raw/" : "/");
            return new Route.Redirect(rawQuery == null ? legacyPath : legacyPath + "?" + rawQuery, allow);
        }
        if (hex.length() != 40) {
            throw ApiError.badInput("Only sha1_git is supported.");
        }
        Swhid swhid = Swhid.of(objectType, ObjectId.fromHex(hex));
        if (raw) {
            return new Route.Redirect(rawPath(type, swhid), allow);
        }
        return new Route.Cook(type, swhid, true);
    }

    /**
     * Returns the path of the download endpoint of a bundle.
     *
     * @param type the bundle type
     * @param swhid the core SWHID
     * @return {@code /api/1/vault/<type>/<swhid>/raw/}
     */
    static String rawPath(BundleType type, Swhid swhid) {
        return VAULT_PREFIX + type.apiName() + "/" + swhid + "/raw/";
    }

    /**
     * Returns the path and query of the download endpoint of a bundle.
     *
     * @param key the bundle
     * @return {@code /api/1/vault/<type>/<swhid>/raw/}, and {@code ?compression=zstd} for a zstd bundle
     */
    static String rawPath(BundleKey key) {
        String path = rawPath(key.type(), key.swhid());
        return key.compression() == BundleCompression.GZIP ? path : path + "?compression=" + key.compression().apiName();
    }
}
