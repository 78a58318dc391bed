package org.swhvault.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GeneratedHistory;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.source.ForwardingObjectSource;

/**
 * The contenders of {@code benchmarks/gitbare-deltas.sh}, one per process run (not a JMH benchmark):
 * <pre>
 * GitBareDeltas archive REPO OUT   git-bare of REPO's snapshot, object by object with delta search, the
 *                                  repository behind a source that shows objects one by one (as an archive)
 * GitBareDeltas stored REPO OUT    git-bare copying REPO's stored pack (the fast path)
 * GitBareDeltas jgit REPO OUT      JGit's PackWriter with its own delta search (window 10, depth 50, one
 *                                  thread per processor) over the objects the refs reach: the pack only
 * GitBareDeltas generate DIR FILES COMMITS   vault-testing's GeneratedHistory into a new bare repository
 * </pre>
 */
public final class GitBareDeltas {
    private GitBareDeltas() {
    }

    /** The source as an archive shows it: objects one by one, none of the repository's capabilities. */
    private static final class ArchiveLike extends ForwardingObjectSource {
        ArchiveLike(ObjectSource delegate) {
            super(delegate);
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> capability) {
            return Optional.empty();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: GitBareDeltas archive|stored|jgit REPO OUT | generate DIR FILES COMMITS");
            System.exit(2);
        }
        switch (args[0]) {
            case "archive", "stored" -> cook(args[0].equals("archive"), Path.of(args[1]), Path.of(args[2]));
            case "jgit" -> jgit(Path.of(args[1]), Path.of(args[2]));
            case "generate" -> GeneratedHistory.write(GitFixture.initBare(Path.of(args[1])), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), 42);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void cook(boolean archive, Path repo, Path target) throws IOException {
        try (GitObjectSource source = GitObjectSource.open(repo);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            Swhid swhid = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
            new GitBareCooker().cook(swhid, archive ? new ArchiveLike(source) : source, out, CookContext.silent());
        }
    }

    private static void jgit(Path repo, Path target) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.toFile()).build()) {
            PackConfig config = new PackConfig();
            config.setReuseObjects(false);
            config.setReuseDeltas(false);
            config.setDeltaCompress(true);
            config.setDeltaBaseAsOffset(true);
            config.setBuildBitmaps(false);
            Set<ObjectId> wants = new HashSet<>();
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null) {
                    wants.add(ref.getObjectId());
                }
            }
            try (PackWriter writer = new PackWriter(config, repository.newObjectReader());
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                writer.setUseBitmaps(false);
                writer.preparePack(NullProgressMonitor.INSTANCE, wants, Set.of());
                writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
            }
        }
    }
}
