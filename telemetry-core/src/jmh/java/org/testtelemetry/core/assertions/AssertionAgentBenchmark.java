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
    private List<String> names;
    private final AssertionTransformer transformer = new AssertionTransformer(new org.testtelemetry.core.TelemetryLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    });
    private final ClassLoader loader = AssertionAgentBenchmark.class.getClassLoader();
    private long plainCounter;

    @Setup(Level.Trial)
    public void readCorpus() {
        corpus = new ArrayList<>();
        names = new ArrayList<>();
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
                        names.add(c.getName().substring(0, c.getName().length() - ".class".length()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int instrumented = 0;
        for (int i = 0; i < corpus.size(); i++) {
            instrumented += transformer.transform(loader, names.get(i), null, null, corpus.get(i)) == null ? 0 : 1;
        }
        System.out.println("corpus: " + corpus.size() + " classes, " + instrumented + " with assertion call sites");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void countOneAssertion() {
        AssertionCounter.count();
    }

    /** The reference measured in the same run: a plain field increment, what a counter costs without a thread. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long referenceFieldIncrement() {
        return ++plainCounter;
    }

    /** Every class of the corpus through the transformer, as the JVM would hand it over when loading it. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void transformCorpus(Blackhole blackhole) {
        for (int i = 0; i < corpus.size(); i++) {
            blackhole.consume(transformer.transform(loader, names.get(i), null, null, corpus.get(i)));
        }
    }
}
