package org.swhvault.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON bodies written through Jackson: what the reference's renderer writes, read back by an independent parser. */
class JsonBodyTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static JsonNode parse(JsonBody b) throws Exception {
        return JACKSON.readTree(Arrays.copyOf(b.array(), b.length()));
    }

    private static JsonBody string(String value) {
        return JsonBody.of(g -> {
            g.writeStartArray();
            g.writeString(value);
            g.writeEndArray();
        });
    }

    @Test
    void stringsSurviveARoundTripThroughAnIndependentParser() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 del \u007f "
                + "é ü 日本 emoji 😀 line-sep \u2028 </script>";
        JsonBody b = JsonBody.of(g -> {
            g.writeStartObject();
            g.writeStringField("reason", nasty);
            g.writeNumberField("n", -42);
            g.writeStringField("none", null);
            g.writeEndObject();
        });
        JsonNode node = parse(b);
        assertThat(node.get("reason").asText()).isEqualTo(nasty);
        assertThat(node.get("n").asLong()).isEqualTo(-42);
        assertThat(node.get("none").isNull()).isTrue();
    }

    @Test
    void nonAsciiIsWrittenAsUtf8AndControlsAreEscaped() {
        assertThat(new String(string("é\n\u0001 😀").toByteArray(), StandardCharsets.UTF_8))
                .as("beyond the BMP, a pair of escapes").isEqualTo("[\"é\\n\\u0001 \\uD83D\\uDE00\"]");
    }

    @Test
    void anUnpairedSurrogateIsEscapedRatherThanCorruptingTheOutput() throws Exception {
        JsonBody b = string("a\ud800b");
        assertThat(new String(b.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("[\"a\\uD800b\"]");
        assertThat(parse(b).get(0).asText()).isEqualTo("a\ud800b");
    }

    @Test
    void aReusedBufferGrowsPastItsFirstSizeAndServesTheNextDocument() throws Exception {
        String big = "x".repeat(5000) + "é".repeat(3000);
        JsonBody first = JsonBody.reusing(g -> {
            g.writeStartArray();
            g.writeString(big);
            g.writeEndArray();
        });
        assertThat(parse(first).get(0).asText()).isEqualTo(big);
        JsonBody second = JsonBody.reusing(g -> {
            g.writeStartArray();
            g.writeNumber(1);
            g.writeEndArray();
        });
        assertThat(new String(second.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("[1]");
    }
}
