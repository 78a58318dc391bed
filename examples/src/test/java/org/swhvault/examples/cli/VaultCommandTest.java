package org.swhvault.examples.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaultCommandTest {
    @Test
    void helpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: vault [-hV] [COMMAND]").contains("identify", "swhid", "cook", "serve", "Exit status:");
    }

    @Test
    void helpCommandShowsASubcommandsHelp() {
        Cli.Result r = Cli.run("help", "identify");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: vault identify");
    }

    @Test
    void versionIsPrinted() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("vault ");
    }

    @Test
    void missingOrUnknownCommandIsAUsageError() {
        Cli.Result none = Cli.run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).startsWith("error: missing command").contains("Usage: vault");

        Cli.Result unknown = Cli.run("cookies");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("Unmatched argument at index 0: 'cookies'", "Usage: vault");
    }
}
