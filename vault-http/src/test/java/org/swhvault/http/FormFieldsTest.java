package org.swhvault.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormFieldsTest {
    @Test
    void readsDecodedFields() {
        assertThat(FormFields.first("email=a%40b.org", "email")).hasValue("a@b.org");
        assertThat(FormFields.first("x=1&email=J+Doe%20%3Cj%40d.org%3E&email=second", "email"))
                .hasValue("J Doe <j@d.org>");
        assertThat(FormFields.first("em%61il=x", "email")).hasValue("x");
    }

    @Test
    void absentEmptyAndMalformedFields() {
        assertThat(FormFields.first(null, "email")).isEmpty();
        assertThat(FormFields.first("", "email")).isEmpty();
        assertThat(FormFields.first("emails=x&mail=y", "email")).isEmpty();
        assertThat(FormFields.first("email", "email")).hasValue("");
        assertThat(FormFields.first("a=1&&email=", "email")).hasValue("");
        assertThat(FormFields.first("email=100%", "email")).hasValue("100%");
    }
}
