package org.swhvault.examples.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SwhidCommandTest {
    private static final String CNT = "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2";
    private static final String EMPTY_DIR = "swh:1:dir:4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    @Test
    void validSwhidsArePrintedInCanonicalForm() {
        Cli.Result r = Cli.run("swhid", EMPTY_DIR,
                CNT + ";lines=1-9;origin=https://example.org/a%20b",
                CNT + ";path=/%7E%41",
                CNT + ";lines=007-9",
                "swh:1:ori:b63a575fe3faab7692c9f38fb09d4bb45651bb0f");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(String.join("\n",
                EMPTY_DIR,
                CNT + ";origin=https://example.org/a%20b;lines=1-9",
                CNT + ";path=/~A",
                CNT + ";lines=7-9",
                "swh:1:ori:b63a575fe3faab7692c9f38fb09d4bb45651bb0f") + "\n");
    }

    @Test
    void invalidSwhidsPrintTheParserReasonInPlaceAndExitOne() {
        Cli.Result r = Cli.run("swhid", "swh:1:cnt:abc", EMPTY_DIR, CNT.toUpperCase(), CNT + ";lines=3-2");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(String.join("\n",
                "error: invalid object id at column 14: expected 40 lowercase hex digits",
                EMPTY_DIR,
                "error: invalid namespace at column 1: expected 'swh'",
                "error: reversed range lines=3-2 at column 58: expected the end to be at least the start") + "\n");
    }

    @Test
    void lenientAcceptsWhatSwhModelAccepts() {
        String[] quirks = {CNT + ";lines=3-2", CNT + ";origin=a;origin=b", CNT + ";path=%GZ"};

        Cli.Result strict = Cli.run(prepend("swhid", quirks));
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out().lines()).hasSize(3).allMatch(line -> line.startsWith("error: "));

        Cli.Result lenient = Cli.run(prepend("swhid --lenient", quirks));
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).isEqualTo(String.join("\n",
                CNT + ";lines=3-2", CNT + ";origin=b", CNT + ";path=%25GZ") + "\n");
    }

    @Test
    void withoutArgumentsOneSwhidPerLineIsReadFromStandardInput() {
        Cli.Result r = Cli.runWithInput(EMPTY_DIR + "\r\nnot a swhid\n" + CNT + ";lines=2\n", "swhid");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(EMPTY_DIR + "\n"
                + "error: invalid namespace at column 1: expected 'swh'\n"
                + CNT + ";lines=2\n");

        Cli.Result allValid = Cli.runWithInput(EMPTY_DIR + "\n", "swhid");
        assertThat(allValid.exitCode()).isZero();
        assertThat(allValid.out()).isEqualTo(EMPTY_DIR + "\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = Cli.run("swhid", "--strict", EMPTY_DIR);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Unknown option: '--strict'").contains("Usage: vault swhid");
    }

    @Test
    void helpDescribesTheCommand() {
        Cli.Result r = Cli.run("swhid", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: vault swhid [-hV] [--lenient] [SWHID...]", "standard input",
                "--lenient", "Exit status:");
    }

    private static String[] prepend(String words, String... rest) {
        String[] first = words.split(" ");
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
