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
 * What a thin fork's end of run pays for the fingerprints in its partial result: writes the partial of a session
 * that counted 10,000 methods in 500 classes without and with their fingerprints, 21 times each, and prints the
 * medians and the file's size. Not a test (kept out of {@code verify}); the per-test path is unchanged, the names
 * are fingerprinted once, here.
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

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fingerprints");
        Recorder recorder = new Recorder(false);
        for (int c = 0; c < 500; c++) {
            String type = "com.acme.pkg.SomeFairlyLongTestClassName" + c;
            for (int m = 0; m < 20; m++) {
                recorder.testStarted();
                recorder.testFinished(type, type + "#method" + m + "()", Outcome.PASSED, null);
            }
        }
        Report report = ReportBuilder.create(new Environment(null, List.of(), null, null, null, null, null),
                PartialResults.NO_PROJECT).metrics(recorder.snapshot(null, 1, 1L, 1)).build();
        long[] without = new long[21];
        long[] with = new long[21];
        for (int i = 0; i < with.length; i++) {
            long t0 = System.nanoTime();
            PartialResults.write(dir, "plain" + i, report, Recorder.Names.NONE);
            long t1 = System.nanoTime();
            PartialResults.write(dir, "fingerprinted" + i, report, recorder.names());
            without[i] = t1 - t0;
            with[i] = System.nanoTime() - t1;
        }
        Arrays.sort(without);
        Arrays.sort(with);
        System.out.printf("| 10,000 methods, 500 classes | %.1f ms | %.1f ms | %d bytes |%n", without[10] / 1e6,
                with[10] / 1e6, Files.size(dir.resolve(PartialResults.PREFIX + "fingerprinted0" + PartialResults.SUFFIX)));
    }
}
