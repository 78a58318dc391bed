package org.swhvault.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.spi.swhid.SwhidParser;

/** Parses SWHID strings (core and qualified) and writes them back in canonical form. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SwhidParseBenchmark {
    /** Which kind of input: a core SWHID, or one with every kind of qualifier. */
    @Param({"core", "qualified"})
    public String kind;

    /** Parsing mode. */
    @Param({"STRICT", "LENIENT"})
    public SwhidParser.Mode mode;

    private String text;
    private Swhid parsed;

    /** Picks the input. */
    @Setup
    public void setUp() {
        text = switch (kind) {
            case "core" -> "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2";
            case "qualified" -> "swh:1:cnt:4d99d2d18326621ccdd70f5ea66c2e2ac236ad8b"
                    + ";origin=https://gitorious.org/ocamlp3l/ocamlp3l_cvs.git"
                    + ";visit=swh:1:snp:d7f1b9eb7ccb596c2622c4780febaa02549830f9"
                    + ";anchor=swh:1:rev:2db189928c94d62a3b4757b3eec68f0a4d4113f0"
                    + ";path=/Examples/SimpleFarm/simplefarm.ml;lines=9-15";
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
        parsed = Swhid.parse(text, mode);
    }

    /**
     * Parses the input.
     *
     * @return the SWHID
     */
    @Benchmark
    public Swhid parse() {
        return Swhid.parse(text, mode);
    }

    /**
     * Writes the canonical form.
     *
     * @return the text
     */
    @Benchmark
    public String format() {
        return parsed.toString();
    }
}
