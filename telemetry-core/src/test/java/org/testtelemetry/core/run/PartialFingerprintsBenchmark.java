package org.testtelemetry.core.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.testtelemetry.core.recorder.Outcome;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;

/**
 * What a thin fork pays for the fingerprints in its partial result: counts a session of 10,000 methods in 500 classes
 * and writes its partial, without and with the names fingerprinted as they are counted ({@link PartialResults.SeenNames}),
 * 21 times each, and prints the medians and the file's size. Not a test (kept out of {@code verify}). The figure is a
 * warm one; a cold JVM's share is measured by {@code bench/thin-forks.sh}.
 *
 * <pre>
 * ./mvnw -B -q -pl telemetry-core -am test-compile
 * java -cp telemetry-core/target/classes:telemetry-core/target/test-classes:telemetry-report/target/classes:&lt;jackson&gt; \
 *     org.testtelemetry.core.run.PartialFingerprintsBenchmark
 * </pre>
 */
public final class PartialFingerprintsBenchmark {

    private PartialFingerprintsBenchmark() {
    }

    private static Recorder count(Recorder recorder, String[] types, String[] methods) {
        for (int i = 0; i < types.length; i++) {
            recorder.testStarted();
            recorder.testFinished(types[i], methods[i], Outcome.PASSED, null);
        }
        return recorder;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fingerprints");
        String[] types = new String[10_000];
        String[] methods = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = "com.acme.pkg.SomeFairlyLongTestClassName" + i / 20;
            methods[i] = types[i] + "#method" + i % 20 + "()";
        }
        Report report = ReportBuilder.create(new Environment(null, List.of(), null, null, null, null, null),
                PartialResults.NO_PROJECT).metrics(count(new Recorder(false), types, methods).snapshot(null, 1, 1L, 1))
                .build();
        long[] without = new long[21];
        long[] with = new long[21];
        for (int i = 0; i < with.length; i++) {
            long t0 = System.nanoTime();
            count(new Recorder(false), types, methods);
            PartialResults.write(dir, "plain" + i, report);
            long t1 = System.nanoTime();
            PartialResults.SeenNames seen = new PartialResults.SeenNames(dir);
            count(new Recorder(false, seen), types, methods);
            PartialResults.write(dir, "fingerprinted" + i, report, seen);
            without[i] = t1 - t0;
            with[i] = System.nanoTime() - t1;
        }
        Arrays.sort(without);
        Arrays.sort(with);
        System.out.printf("| 10,000 methods, 500 classes | %.1f ms | %.1f ms | %d bytes |%n", without[10] / 1e6,
                with[10] / 1e6, Files.size(dir.resolve(PartialResults.PREFIX + "fingerprinted0" + PartialResults.SUFFIX)));
    }
}
