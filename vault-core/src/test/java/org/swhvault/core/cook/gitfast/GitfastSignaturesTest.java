package org.swhvault.core.cook.gitfast;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.testing.git.GitFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which full names, dates and names fast-import reproduces byte for byte: each case is one root
 * revision (so losses do not spread), all merged by one octopus, imported with the real
 * {@code git fast-import}; the cases that come back with their id must be exactly the expected ones,
 * and the report must count the others.
 */
class GitfastSignaturesTest {
    @TempDir
    Path temp;

    @Test
    void fullNamesComeBackExactlyWhenFastImportCanWriteThem() {
        Map<String, Boolean> cases = new LinkedHashMap<>();
        cases.put("A U Thor <a@example.org>", true);
        cases.put("Two  Spaces <a@example.org>", true);
        cases.put(" <leading-space@example.org>", true);
        cases.put("Ünïcödé Ñame <ü@example.org>", true);
        cases.put("Tab\there <t@example.org>", true);
        cases.put("Empty Email <>", true);
        cases.put("Carriage\r <c@example.org\r>", true);
        cases.put("<no-name@example.org>", false);
        cases.put("NoSpace<a@example.org>", false);
        cases.put("Trailing <a@example.org> text", false);
        cases.put("Double <<a@example.org>>", false);
        cases.put("Unclosed <a@example.org", false);
        cases.put("No email at all", false);
        cases.put("", false);
        cases.put("Greater > Than <a@example.org>", false);
        cases.put("Nul\0Byte <a@example.org>", false);
        cases.put("New\nLine <a@example.org>", false);
        Map<String, Person> people = new LinkedHashMap<>();
        cases.keySet().forEach(name -> people.put(name, new Person(Bytes.utf8(name))));
        Outcome outcome = cookRoots(people.keySet().stream().map(name -> (RootCase) b -> b
                .author(people.get(name), Optional.of(Timestamp.of(1_000_000, "+0100")))).toList());
        assertThat(outcome.exact()).isEqualTo(expected(cases));
        assertThat(outcome.report().revisionsByReason().get(LossReason.PERSON))
                .isEqualTo(cases.values().stream().filter(ok -> !ok).count());
    }

    @Test
    void offsetsComeBackExactlyWhenFastImportAcceptsThem() {
        Map<String, Boolean> cases = new LinkedHashMap<>();
        for (String ok : List.of("+0000", "-0000", "+1400", "-1200", "-1400", "+0530", "+0545", "+05", "-0", "+00530",
                "+1500", "-2359", "+9999", "+123456789012345678")) {
            cases.put(ok, true);
        }
        for (String bad : List.of("+5d4", "--700", "0000", "", "+", "+ 100", "+0100 ", "+1234567890123456789012")) {
            cases.put(bad, false);
        }
        Outcome outcome = cookRoots(cases.keySet().stream().map(offset -> (RootCase) b -> b
                .author(Person.of("A <a@example.org>"), Optional.of(new Timestamp(1_000_000, 0, Bytes.utf8(offset)))))
                .toList());
        assertThat(outcome.exact()).isEqualTo(expected(cases));
        assertThat(outcome.report().revisionsByReason().get(LossReason.TIME_ZONE))
                .isEqualTo(cases.values().stream().filter(ok -> !ok).count());
        assertThat(outcome.stream()).startsWith("feature date-format=raw-permissive\n");
    }

    @Test
    void secondsAreWrittenVerbatimButFractionsAreLost() {
        Map<String, Boolean> cases = new LinkedHashMap<>();
        cases.put("0", true);
        cases.put("-5", true);
        cases.put(Long.toString(Long.MAX_VALUE), true);
        cases.put("5.5", false);
        Outcome outcome = cookRoots(cases.keySet().stream().map(s -> (RootCase) b -> {
            String[] parts = s.split("\\.");
            int micros = parts.length == 2 ? Integer.parseInt(parts[1]) * 100_000 : 0;
            b.author(Person.of("A <a@example.org>"),
                    Optional.of(new Timestamp(Long.parseLong(parts[0]), micros, Bytes.utf8("+0000"))));
        }).toList());
        assertThat(outcome.exact()).isEqualTo(expected(cases));
        assertThat(outcome.stream()).doesNotContain("feature");
    }

    @Test
    void everyByteButSlashAndNulSurvivesInNames() {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId blob = b.content("x\n");
        List<byte[]> names = new ArrayList<>();
        for (int c = 1; c < 256; c++) {
            if (c != '/') {
                names.add(new byte[] {(byte) c, 'x'});
            }
        }
        ObjectId head = b.revision(r -> r.tree(t -> {
            t.directory("d", d -> names.forEach(n -> d.entry(Bytes.of(n), EntryType.FILE, 0100644, blob)));
            names.forEach(n -> t.entry(Bytes.of(n), EntryType.FILE, 0100755, blob));
        }));
        Bundles.Cooked cooked = Bundles.cook(b.build(), head);
        assertThat(cooked.importInto(temp).revParse("refs/heads/master")).isEqualTo(head.toHex());
        assertThat(cooked.report().exact()).isTrue();
    }

    /** Describes the persons and dates of one root revision. */
    interface RootCase {
        void apply(org.swhvault.core.source.memory.RevisionBuilder revision);
    }

    /** Which cases kept their ids, the report, and the stream text. */
    record Outcome(Set<Integer> exact, GitfastReport report, String stream) {
    }

    private Outcome cookRoots(List<RootCase> cases) {
        MemorySourceBuilder b = MemoryObjectSource.builder();
        ObjectId tree = b.directory(t -> t.file("f", "f\n"));
        List<ObjectId> roots = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            RootCase c = cases.get(i);
            String message = "case " + i + "\n";
            roots.add(b.revision(r -> {
                r.directory(tree).message(message);
                c.apply(r);
            }));
        }
        ObjectId head = b.revision(r -> r.directory(tree).parents(roots.toArray(ObjectId[]::new)).message("all\n"));
        Bundles.Cooked cooked = Bundles.cook(b.build(), head);
        GitFixture git = cooked.importInto(temp);
        Set<String> imported = Set.of(git.git("rev-list", "--max-parents=0", "refs/heads/master").split("\n"));
        assertThat(imported).hasSize(cases.size());
        Set<Integer> exact = new HashSet<>();
        for (int i = 0; i < roots.size(); i++) {
            if (imported.contains(roots.get(i).toHex())) {
                exact.add(i);
            }
        }
        return new Outcome(exact, cooked.report(), cooked.text());
    }

    private static Set<Integer> expected(Map<String, Boolean> cases) {
        Set<Integer> expected = new HashSet<>();
        int i = 0;
        for (boolean ok : cases.values()) {
            if (ok) {
                expected.add(i);
            }
            i++;
        }
        return expected;
    }

    static {
        // The stream text is searched as one char per byte.
        assertThat(StandardCharsets.ISO_8859_1.newEncoder().maxBytesPerChar()).isEqualTo(1.0f);
    }
}
