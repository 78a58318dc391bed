package org.swhvault.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress message a status shows: the cooker's words, with its counters only when the words have none. */
class ProgressTextTest {
    @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "Writing objects                        | 4       | 10      | Writing objects (4/10)",
        "Writing the directory tree             | 57      | -1      | Writing the directory tree (57)",
        "Writing references                     | 0       | -1      | Writing references",
        "Writing revision 3 of 40               | 2       | 40      | Writing revision 3 of 40",
        "Writing the bundle: 1.2 MiB of 3.4 MiB | 1258291 | 3565158 | Writing the bundle: 1.2 MiB of 3.4 MiB",
        "Counting objects: 256                  | 256     | -1      | Counting objects: 256",
        "''                                     | 0       | -1      | Processing..."})
    void eachNumberIsSaidOnce(String message, long done, long total, String text) {
        assertThat(ProgressText.format(message, done, total)).isEqualTo(text);
    }
}
