package org.swhvault.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBufferTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static JsonNode parse(JsonBuffer b) throws Exception {
        return JACKSON.readTree(Arrays.copyOf(b.array(), b.length()));
    }

    @Test
    void stringsSurviveARoundTripThroughAnIndependentParser() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 del \u007f "
                + "é ü 日本 emoji 😀 line-sep \u2028 </script>";
        JsonBuffer b = new JsonBuffer().raw("{").key("reason").string(nasty).raw(",").key("n").number(-42)
                .raw(",").key("none").string(null).raw("}");
        JsonNode node = parse(b);
        assertThat(node.get("reason").asText()).isEqualTo(nasty);
        assertThat(node.get("n").asLong()).isEqualTo(-42);
        assertThat(node.get("none").isNull()).isTrue();
    }

    @Test
    void nonAsciiIsWrittenAsUtf8AndControlsAreEscaped() {
        JsonBuffer b = new JsonBuffer().string("é\n\u0001");
        assertThat(new String(b.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("\"é\\n\\u0001\"");
    }

    @Test
    void anUnpairedSurrogateIsEscapedRatherThanCorruptingTheOutput() throws Exception {
        JsonBuffer b = new JsonBuffer().raw("[").string("a\ud800b").raw("]");
        assertThat(new String(b.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("[\"a\\ud800b\"]");
        assertThat(parse(b).get(0).asText()).hasSize(3);
    }

    @Test
    void resetReusesTheBufferAndItGrowsPastItsFirstSize() throws Exception {
        JsonBuffer b = new JsonBuffer();
        String big = "x".repeat(5000) + "é".repeat(3000);
        b.raw("[").string(big).raw("]");
        assertThat(parse(b).get(0).asText()).isEqualTo(big);
        b.reset().raw("[").number(1).raw("]");
        assertThat(new String(b.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("[1]");
    }
}
