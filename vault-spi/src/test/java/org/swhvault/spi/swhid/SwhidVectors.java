package org.swhvault.spi.swhid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

/** Reads the {@code swhid} part of {@code swhid-vectors.json} and turns its results into our values. */
final class SwhidVectors {
    static final JsonNode SWHID = load().get("swhid");

    /** One string vector: the input and swh-model's result per class (null when not recorded). */
    record StringVector(String set, int index, String string, JsonNode core, JsonNode qualified, JsonNode extended, String why) {
        @Override
        public String toString() {
            return set + "[" + index + "] " + string.replace("\n", "\\n").replace("\t", "\\t");
        }
    }

    private SwhidVectors() {
    }

    private static JsonNode load() {
        try (InputStream in = SwhidVectors.class.getResourceAsStream("/swhid-vectors.json")) {
            return new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every string vector of every set that records per-class results. */
    static List<StringVector> stringVectors() {
        List<StringVector> out = new ArrayList<>();
        addAll(out, "parse_vectors", SWHID.get("parse_vectors"));
        addAll(out, "examples", SWHID.get("examples"));
        addAll(out, "edge_cases_reference_behaviour", vectorsOf("edge_cases_reference_behaviour"));
        addAll(out, "swh_graph_rust", vectorsOf("swh_graph_rust"));
        return out;
    }

    static JsonNode vectorsOf(String set) {
        JsonNode node = SWHID.get(set);
        return node == null ? null : node.get("vectors");
    }

    private static void addAll(List<StringVector> out, String set, JsonNode list) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            out.add(new StringVector(set, i, v.get("string").asText(), v.get("core"), v.get("qualified"),
                    v.get("extended"), v.has("why") ? v.get("why").asText() : v.path("note").asText(null)));
        }
    }

    static boolean isError(JsonNode result) {
        return result.has("error");
    }

    /** Builds the SWHID that a {@code swhid_parse_result} describes. */
    static Swhid expectedSwhid(JsonNode result) {
        ObjectType type = ObjectType.fromTag(result.get("object_type").asText()).orElseThrow();
        ObjectId id = ObjectId.fromHex(result.get("object_id").asText());
        JsonNode q = result.get("qualifiers");
        if (q == null || q.isEmpty()) {
            return Swhid.of(type, id);
        }
        Qualifiers.Builder b = Qualifiers.builder();
        if (q.has("origin")) {
            b.origin(q.get("origin").asText());
        }
        if (q.has("visit")) {
            b.visit(Swhid.parseCore(q.get("visit").asText()));
        }
        if (q.has("anchor")) {
            b.anchor(Swhid.parseCore(q.get("anchor").asText()));
        }
        if (q.has("path")) {
            b.path(bytes(q.get("path")));
        }
        if (q.has("lines")) {
            b.lines(range(q.get("lines")));
        }
        return new Swhid(type, id, b.build());
    }

    /** A field documented as bytes: a JSON string (its UTF-8) or {@code {"hex": ...}}. */
    static Bytes bytes(JsonNode node) {
        if (node.isTextual()) {
            return Bytes.of(node.asText().getBytes(StandardCharsets.UTF_8));
        }
        return Bytes.of(HexFormat.of().parseHex(node.get("hex").asText()));
    }

    /** {@code [start, end|null]}. */
    static Range range(JsonNode node) {
        BigInteger start = node.get(0).bigIntegerValue();
        JsonNode end = node.get(1);
        return new Range(start, end.isNull() ? Optional.empty() : Optional.of(end.bigIntegerValue()));
    }
}
