package org.swhvault.spi.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.swhvault.spi.swhid.ObjectType;

/** Reads {@code swhid-vectors.json} and turns its inputs into model objects (see its conventions). */
final class Vectors {
    private static final JsonNode ROOT = load();

    private Vectors() {
    }

    private static JsonNode load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/swhid-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("swhid-vectors.json is not on the test class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the vectors of a hash category, empty if the file has none. */
    static List<JsonNode> hash(String category) {
        JsonNode node = ROOT.path("hash_vectors").path(category);
        return list(node);
    }

    /** Returns the vectors of a derived category ({@code hash_vectors.derived.<category>}), if any. */
    static List<JsonNode> derived(String category) {
        JsonNode derived = ROOT.path("hash_vectors").path("derived");
        if (derived.isArray()) {
            return list(derived).stream()
                    .filter(v -> category.equals(v.path("category").asText(v.path("object_type").asText())))
                    .toList();
        }
        return list(derived.path(category));
    }

    /** Returns the names of the hash vector categories in the file. */
    static List<String> hashCategories() {
        List<String> names = new ArrayList<>();
        ROOT.path("hash_vectors").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Returns the vectors of a timestamp category. */
    static List<JsonNode> timestamps(String category) {
        return list(ROOT.path("timestamps").path(category).path("vectors"));
    }

    private static List<JsonNode> list(JsonNode node) {
        if (!node.isArray()) {
            return List.of();
        }
        return StreamSupport.stream(node.spliterator(), false).toList();
    }

    /** Decodes a bytes field: a JSON string is its UTF-8, {@code {"hex": ...}} is raw bytes. */
    static byte[] bytes(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().getBytes(StandardCharsets.UTF_8);
        }
        if (node.isObject() && node.has("hex")) {
            return HexFormat.of().parseHex(node.get("hex").asText());
        }
        throw new IllegalArgumentException("not a bytes field: " + node);
    }

    static Bytes b(JsonNode node) {
        return Bytes.wrap(bytes(node));
    }

    static Optional<Bytes> optionalBytes(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? Optional.empty() : Optional.of(b(node));
    }

    static ObjectId id(JsonNode node) {
        return ObjectId.fromHex(node.asText());
    }

    static Optional<Person> person(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(new Person(b(node.get("fullname"))));
    }

    static Optional<Timestamp> timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Timestamp(node.get("seconds").asLong(), node.get("microseconds").asInt(),
                b(node.get("offset_bytes"))));
    }

    static List<DirectoryEntry> entries(JsonNode input) {
        List<DirectoryEntry> out = new ArrayList<>();
        for (JsonNode e : input.get("entries")) {
            EntryType type = switch (e.get("type").asText()) {
                case "file" -> EntryType.FILE;
                case "dir" -> EntryType.DIR;
                case "rev" -> EntryType.REV;
                default -> throw new IllegalArgumentException("entry type " + e.get("type"));
            };
            out.add(new DirectoryEntry(b(e.get("name")), type, e.get("perms").asInt(), id(e.get("target"))));
        }
        return out;
    }

    static List<SnapshotBranch> branches(JsonNode input) {
        List<SnapshotBranch> out = new ArrayList<>();
        for (JsonNode br : input.get("branches")) {
            JsonNode t = br.get("branch");
            BranchTarget target;
            if (t == null || t.isNull()) {
                target = BranchTarget.DANGLING;
            } else if (t.get("target_type").asText().equals("alias")) {
                target = new BranchTarget.Alias(b(t.get("target")));
            } else {
                target = new BranchTarget.ToObject(objectType(t.get("target_type").asText()), id(t.get("target")));
            }
            out.add(new SnapshotBranch(b(br.get("name")), target));
        }
        return out;
    }

    static ObjectType objectType(String modelName) {
        return ObjectType.fromModelName(modelName)
                .orElseThrow(() -> new IllegalArgumentException("object type " + modelName));
    }

    /** Builds a revision through the public builder, with its computed id. */
    static Revision revision(JsonNode in) {
        Revision.Builder b = Revision.builder().directory(id(in.get("directory")));
        for (JsonNode p : in.get("parents")) {
            b.parent(id(p));
        }
        person(in.get("author")).ifPresent(b::author);
        timestamp(in.get("date")).ifPresent(b::date);
        person(in.get("committer")).ifPresent(b::committer);
        timestamp(in.get("committer_date")).ifPresent(b::committerDate);
        for (JsonNode h : in.get("extra_headers")) {
            b.extraHeader(b(h.get(0)), b(h.get(1)));
        }
        optionalBytes(in.get("message")).ifPresent(b::message);
        b.type(revisionType(in.path("type").asText("git")));
        b.synthetic(in.path("synthetic").asBoolean(false));
        return b.build();
    }

    static RevisionType revisionType(String t) {
        return switch (t) {
            case "git" -> RevisionType.GIT;
            case "tar" -> RevisionType.TAR;
            case "dsc" -> RevisionType.DSC;
            case "svn" -> RevisionType.SUBVERSION;
            case "hg" -> RevisionType.MERCURIAL;
            case "cvs" -> RevisionType.CVS;
            case "bzr" -> RevisionType.BAZAAR;
            default -> throw new IllegalArgumentException("revision type " + t);
        };
    }

    /** Builds a release through the public builder, with its computed id. */
    static Release release(JsonNode in) {
        Release.Builder b = Release.builder()
                .name(b(in.get("name")))
                .target(objectType(in.get("target_type").asText()), id(in.get("target")));
        person(in.get("author")).ifPresent(b::author);
        timestamp(in.get("date")).ifPresent(b::date);
        optionalBytes(in.get("message")).ifPresent(b::message);
        b.synthetic(in.path("synthetic").asBoolean(false));
        return b.build();
    }

    static RawExtrinsicMetadata rawExtrinsicMetadata(JsonNode in) {
        RawExtrinsicMetadata.Builder b = RawExtrinsicMetadata.builder()
                .target(in.get("target").asText())
                .discoveryDate(Instant.ofEpochSecond(in.get("discovery_date").asLong()))
                .authority(authorityType(in.get("authority").get("type").asText()),
                        in.get("authority").get("url").asText())
                .fetcher(in.get("fetcher").get("name").asText(), in.get("fetcher").get("version").asText())
                .metadata(in.get("format").asText(), b(in.get("metadata")));
        text(in, "origin").ifPresent(b::origin);
        if (in.hasNonNull("visit")) {
            b.visit(in.get("visit").asLong());
        }
        text(in, "snapshot").ifPresent(b::snapshot);
        text(in, "release").ifPresent(b::release);
        text(in, "revision").ifPresent(b::revision);
        optionalBytes(in.get("path")).ifPresent(b::path);
        text(in, "directory").ifPresent(b::directory);
        return b.build();
    }

    static RawExtrinsicMetadata.AuthorityType authorityType(String t) {
        return Stream.of(RawExtrinsicMetadata.AuthorityType.values())
                .filter(a -> a.value().equals(t))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("authority type " + t));
    }

    static ExtId extId(JsonNode in) {
        return ExtId.of(in.get("extid_type").asText(), in.path("extid_version").asInt(0), b(in.get("extid")),
                in.get("target").asText(), text(in, "payload_type"),
                optionalBytes(in.get("payload")).map(p -> ObjectId.of(p.toByteArray())));
    }

    static Optional<String> text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
