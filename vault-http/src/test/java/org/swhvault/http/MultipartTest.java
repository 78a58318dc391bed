package org.swhvault.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartTest {
    private static byte[] body(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheNamedPartAsUtf8() {
        String type = "multipart/form-data; boundary=------------------------abc123";
        byte[] body = body("""
                --------------------------abc123
                Content-Disposition: form-data; name="other"

                x
                --------------------------abc123
                Content-Disposition: form-data; name="email"

                j\u00e9r\u00f4me@example.org
                --------------------------abc123--
                """);
        assertThat(Multipart.field(body, Multipart.boundary(type), "email")).hasValue("jérôme@example.org");
        assertThat(Multipart.field(body, Multipart.boundary(type), "missing")).isEmpty();
    }

    @Test
    void quotedBoundaryAndUnquotedName() {
        String type = "multipart/form-data; charset=utf-8; boundary=\"b\"";
        byte[] body = body("--b\nContent-Disposition: form-data; name=email\n\na@b.org\n--b--\n");
        assertThat(Multipart.boundary(type)).isEqualTo("b");
        assertThat(Multipart.field(body, "b", "email")).hasValue("a@b.org");
        assertThat(Multipart.field(body, "b", "emai")).isEmpty();
    }

    @Test
    void malformedBodiesGiveNothing() {
        assertThat(Multipart.boundary("multipart/form-data")).isNull();
        assertThat(Multipart.field(body("--b\nContent-Disposition: form-data; name=\"email\"\n\nno end"), "b",
                "email")).isEmpty();
        assertThat(Multipart.field(new byte[0], "b", "email")).isEmpty();
        assertThat(Multipart.field(body("x"), null, "email")).isEmpty();
    }
}
