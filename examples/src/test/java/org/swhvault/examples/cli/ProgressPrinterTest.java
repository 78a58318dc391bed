package org.swhvault.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress as plain lines, for a log or a pipe: each line says something new, in words a person reads. */
class ProgressPrinterTest {
    private final StringWriter text = new StringWriter();
    private long now;
    private final ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), false, false, () -> now);

    @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "Writing revision 3 of 40         | 2   | 40 | Writing revision 3 of 40",
        "Writing the bundle: 1.2 MiB of 3.4 MiB | 1258291 | 3565158 | Writing the bundle: 1.2 MiB of 3.4 MiB",
        "Counting objects: 256            | 256 | -1 | Counting objects: 256",
        "Writing objects                  | 4   | 10 | Writing objects (4 of 10)",
        "Writing the directory tree       | 57  | -1 | Writing the directory tree (57 so far)",
        "Writing references               | 0   | -1 | Writing references"})
    void aPlainLineSaysEachNumberOnce(String message, long done, long total, String line) {
        assertThat(ProgressPrinter.plain(message, done, total)).isEqualTo(line);
    }

    @Test
    void theSameLineIsNotPrintedTwice() {
        printer.progress("Writing revision 1 of 1", 0, 1);
        later();
        printer.progress("Writing revision 1 of 1", 0, 1);
        later();
        printer.progress("Writing the directory tree", 5, -1);
        later();
        printer.progress("Writing the directory tree", 9, -1);
        printer.finish("done");

        assertThat(text.toString().lines()).containsExactly("Writing revision 1 of 1",
                "Writing the directory tree (5 so far)", "Writing the directory tree (9 so far)", "done");
    }

    @Test
    void aPhaseIsPrintedAtOnceItsCountsAtMostEveryFewSeconds() {
        printer.progress("Writing objects", 1, 10);
        printer.progress("Writing objects", 2, 10);
        printer.progress("Writing references", 0, -1);
        later();
        printer.progress("Writing references", 3, -1);

        assertThat(text.toString().lines()).containsExactly("Writing objects (1 of 10)", "Writing references",
                "Writing references (3 so far)");
    }

    private void later() {
        now += TimeUnit.SECONDS.toNanos(3);
    }
}
