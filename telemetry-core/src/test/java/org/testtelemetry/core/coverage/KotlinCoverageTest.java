package org.testtelemetry.core.coverage;

import org.testtelemetry.core.testing.RecordingLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Metrics;

/**
 * Kotlin classes carry inline-function fragments that JaCoCo's report applies to the classes they came from; the
 * streamed totals must apply them too. Real Kotlin stdlib classes, run under the real agent.
 */
class KotlinCoverageTest {

    static final String MAIN = """
            package sample;

            import java.util.List;

            public class Main {
                public static void main(String[] args) {
                    List<Integer> sorted = kotlin.collections.CollectionsKt.sorted(List.of(3, 1, 2));
                    String text = kotlin.text.StringsKt.repeat("ab", 2) + kotlin.text.StringsKt.lines("x\\ny");
                    System.out.println(sorted + text + kotlin.text.StringsKt.toIntOrNull("12")
                            + kotlin.text.StringsKt.trimIndent("  a\\n  b"));
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void kotlinInlineFragmentsCountAsInJacocoReport() throws Exception {
        Path kotlinJar = kotlinStdlib();
        Path sample = SampleBuild.compile(work, work.resolve("sample"), Map.of("sample/Main.java", MAIN),
                List.of(kotlinJar));
        Path exec = work.resolve("kotlin.exec");
        AgentRun.run("kotlin.text.*", exec, List.of(sample, kotlinJar), "sample.Main");
        Path classes = unpack(kotlinJar, work.resolve("kotlin-classes"), "kotlin/text/");
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec), List.of(classes), log);

        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(classes)));
        assertThat(ours.instruction().covered()).isPositive();
        assertThat(ours.instruction().missed()).as("fragments change the totals, so this test exercises them")
                .isNotEqualTo(unmergedInstructionsMissed(exec, classes));
        assertThat(log.warnings()).isEmpty();
    }

    private static long unmergedInstructionsMissed(Path exec, Path classes) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(exec.toFile());
        long[] missed = {0};
        new Analyzer(loader.getExecutionDataStore(),
                c -> missed[0] += c.getInstructionCounter().getMissedCount()).analyzeAll(classes.toFile());
        return missed[0];
    }

    private static Path kotlinStdlib() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("kotlin-stdlib-"))
                .map(Path::of).findFirst().orElseThrow(() -> new AssertionError("kotlin-stdlib not on the test class path"));
    }

    private static Path unpack(Path jar, Path into, String... prefixes) throws IOException {
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.endsWith(".class")
                        && java.util.Arrays.stream(prefixes).anyMatch(name::startsWith)) {
                    Path target = into.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.write(target, zip.readAllBytes());
                }
            }
        }
        return into;
    }
}
