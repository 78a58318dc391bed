package org.swhvault.core.cook.gitbare;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Cooks the current snapshot of a git repository to a file and prints the time (not a test; run by
 * hand, for example with {@code -Xmx256m}; {@code -Dreuse=false} packs object by object):
 * {@code java -cp ... org.swhvault.core.cook.gitbare.GitBareThroughput REPO OUT [ROUNDS]}.
 */
public final class GitBareThroughput {
    private GitBareThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args[0]);
        Path target = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try (GitObjectSource source = GitObjectSource.open(repo);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                Swhid swhid = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
                new GitBareCooker(null, 0, Integer.getInteger("level", GitBareCooker.DEFAULT_LEVEL),
                        !"false".equals(System.getProperty("reuse"))).cook(swhid, source, out, CookContext.silent());
            }
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
            System.out.printf("round %d: %.2f s (cooking thread CPU %.2f s), %.1f MiB, heap used %d MiB%n", round,
                    (System.nanoTime() - t0) / 1e9, cpu / 1e9,
                    Files.size(target) / 1048576.0,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }
}
