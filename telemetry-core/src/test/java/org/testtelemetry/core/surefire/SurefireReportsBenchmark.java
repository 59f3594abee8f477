package org.testtelemetry.core.surefire;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.testtelemetry.core.PeakHeap;
import org.testtelemetry.core.TelemetryLog;

/**
 * Reads 100,000 generated test cases with {@link SurefireReports} and prints a table: time per read (best and
 * median of 10 after 3 warm-ups) and the heap's peak. Not a test (kept out of {@code verify}); run it with a
 * small heap to show memory does not grow with the input:
 *
 * <pre>
 * ./mvnw -B -q -pl telemetry-core test-compile
 * java -Xmx32m -cp telemetry-core/target/classes:telemetry-core/target/test-classes \
 *     org.testtelemetry.core.surefire.SurefireReportsBenchmark
 * </pre>
 */
public final class SurefireReportsBenchmark {

    private static final int CASES = 100_000;

    private SurefireReportsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        System.out.printf("%-44s %9s %9s %9s %11s %12s%n", "layout (100,000 test cases)", "files", "MB", "best ms",
                "median ms", "peak heap MB");
        run("1,000 classes x 100 cases", 1_000, 100, 25);
        run("1 class x 100,000 cases (10 invocations each)", 1, CASES, 10);
        run("1 class x 100,000 distinct methods", 1, CASES, 1);
    }

    private static void run(String label, int files, int casesPerFile, int invocationsPerMethod) throws IOException {
        Path dir = Files.createTempDirectory("surefire-bench");
        try {
            long bytes = generate(dir, files, casesPerFile, invocationsPerMethod);
            List<Path> reports = SurefireReports.find(List.of(dir));
            TelemetryLog log = TelemetryLog.stderr(false);
            for (int i = 0; i < 3; i++) {
                check(SurefireReports.read(reports, log));
            }
            System.gc();
            PeakHeap.reset();
            long[] ms = new long[10];
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                check(SurefireReports.read(reports, log));
                ms[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf("%-44s %9d %9.1f %9d %11d %12.1f%n", label, files, bytes / 1e6, ms[0], ms[ms.length / 2],
                    PeakHeap.bytes() / 1e6);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void check(SurefireReports.Totals totals) {
        if (totals.tests().total() != CASES) {
            throw new IllegalStateException("counted " + totals.tests().total());
        }
    }

    /** Surefire-shaped files: 1 in 50 cases fails with a stack trace, 1 in 100 is flaky, 1 in 20 prints output. */
    private static long generate(Path dir, int files, int casesPerFile, int invocationsPerMethod) throws IOException {
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            String className = "com.acme.generated.Generated" + f + "Test";
            Path file = dir.resolve("TEST-" + className + ".xml");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite version=\"3.0.2\" name=\"" + className
                        + "\" time=\"1.5\" tests=\"" + casesPerFile + "\">\n  <properties>\n"
                        + "    <property name=\"java.version\" value=\"17.0.15\"/>\n  </properties>\n");
                for (int c = 0; c < casesPerFile; c++) {
                    String name = "method" + (c / invocationsPerMethod)
                            + (invocationsPerMethod > 1 ? "(int)[" + (c % invocationsPerMethod + 1) + "]" : "");
                    out.write("  <testcase name=\"" + name + "\" classname=\"" + className + "\" time=\"0.001\"");
                    if (c % 50 == 7) {
                        out.write(">\n    <failure message=\"expected: &lt;1&gt; but was: &lt;2&gt;\" type=\""
                                + "org.opentest4j.AssertionFailedError\"><![CDATA[org.opentest4j.AssertionFailedError: "
                                + "expected: <1> but was: <2>\n" + "\tat com.acme.Some.frame(Some.java:12)\n".repeat(20)
                                + "]]></failure>\n  </testcase>\n");
                    } else if (c % 100 == 3) {
                        out.write(">\n    <flakyFailure message=\"once\" type=\"java.lang.AssertionError\">\n"
                                + "      <stackTrace><![CDATA[java.lang.AssertionError: once]]></stackTrace>\n"
                                + "    </flakyFailure>\n  </testcase>\n");
                    } else if (c % 20 == 5) {
                        out.write(">\n    <system-out><![CDATA[" + "some output line\n".repeat(10)
                                + "]]></system-out>\n  </testcase>\n");
                    } else {
                        out.write("/>\n");
                    }
                }
                out.write("</testsuite>\n");
            }
            bytes += Files.size(file);
        }
        return bytes;
    }
}
