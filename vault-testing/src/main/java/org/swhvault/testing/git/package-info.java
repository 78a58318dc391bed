/**
 * Git repositories built with the real {@code git} binary, as fixtures and as oracles:
 * {@link org.swhvault.testing.git.GitFixture} builds one repository (commits, tags, refs, literal
 * objects), {@link org.swhvault.testing.git.SampleRepositories} builds the histories and odd objects
 * sources and cookers must get right, {@link org.swhvault.testing.git.GeneratedTrees} and
 * {@link org.swhvault.testing.git.GeneratedHistory} the ones too large to write by hand,
 * {@link org.swhvault.testing.git.GeneratedRepositories} small ones full of odd names, modes, links, dates
 * and headers, different for each seed, and {@link org.swhvault.testing.git.IsolatedGit} asks git for ids
 * ({@code hash-object}, {@code mktree}, {@code write-tree}). Git always runs isolated from the user's and
 * the system's configuration, so the results are the same on every machine; the {@code git} binary must
 * be on the {@code PATH}.
 */
package org.swhvault.testing.git;
