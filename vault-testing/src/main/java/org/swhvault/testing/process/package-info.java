/**
 * Runs real programs ({@code git}, {@code tar}, {@code gzip}...) from tests, as oracles: start with
 * {@link org.swhvault.testing.process.Processes#command(String...)}, describe the
 * {@link org.swhvault.testing.process.Command}, then run it and read its
 * {@link org.swhvault.testing.process.ProcessResult}. A run never waits forever and a failure says
 * which command failed and what it printed.
 */
package org.swhvault.testing.process;
