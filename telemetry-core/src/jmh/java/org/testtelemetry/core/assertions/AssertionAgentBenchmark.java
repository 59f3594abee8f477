package org.testtelemetry.core.assertions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The assertion agent's two costs. {@link #countOneAssertion}: what an instrumented call site adds to each
 * assertion (one {@link AssertionCounter#count()}), in ns and bytes allocated per assertion. {@link #transformCorpus}:
 * what the transformer adds to loading every class of the benchmark's class path (JUnit, AssertJ, Jackson, OkHttp,
 * Kotlin, JaCoCo, ASM, ... a few thousand classes): the constant-pool scan for all of them, the ASM pass for those
 * naming an assertion library's package. Run with {@code -prof gc}.
 */
@State(Scope.Benchmark)
public class AssertionAgentBenchmark {

    private List<byte[]> corpus;

    @Setup(Level.Trial)
    public void readCorpus() {
        corpus = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry c = e.nextElement();
                    if (c.getName().endsWith(".class") && !c.getName().contains("module-info")
                            && !c.getName().startsWith("META-INF/")) {
                        corpus.add(jar.getInputStream(c).readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int instrumented = 0;
        for (byte[] bytes : corpus) {
            try {
                instrumented += AssertionTransformer.instrument(bytes) == null ? 0 : 1;
            } catch (RuntimeException unreadable) {
                // counted as left unchanged, as the agent does
            }
        }
        System.out.println("corpus: " + corpus.size() + " classes, " + instrumented + " with assertion call sites");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void countOneAssertion() {
        AssertionCounter.count();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void transformCorpus(Blackhole blackhole) {
        for (byte[] bytes : corpus) {
            try {
                blackhole.consume(AssertionTransformer.instrument(bytes));
            } catch (RuntimeException unreadable) {
                blackhole.consume(unreadable);
            }
        }
    }
}
