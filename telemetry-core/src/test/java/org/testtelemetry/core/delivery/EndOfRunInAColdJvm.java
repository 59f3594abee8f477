package org.testtelemetry.core.delivery;

import java.nio.file.Path;
import java.util.Map;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.run.TelemetryRun;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.ReportBuilder;

/**
 * A child JVM for {@link ShadedJarIT}: one end of a run in a fresh JVM, where neither the JSON mapper nor the HTTP
 * client is loaded yet, timed from the start of the call; prints {@code end of run took <ms> ms}.
 * Arguments: mode ({@code run}: an adapter's {@link TelemetryRun#finish()} right after its start, without the
 * warm-up having had time; {@code deliver}: the Maven plugin's {@link ReportDelivery#deliver} call), endpoint,
 * outbox, build directory, timeout.
 */
public final class EndOfRunInAColdJvm {

    private EndOfRunInAColdJvm() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        Map<String, String> settings = Map.of("telemetry.enabled", "true", "telemetry.endpoint", args[1],
                "telemetry.outbox", args[2], "telemetry.timeout", args[4], "telemetry.salt", "cold",
                "telemetry.project", "acme/cold", "telemetry.writers", "http,stdout");
        TelemetryLog log = TelemetryLog.stream(System.out, false);
        long start;
        if ("run".equals(mode)) {
            settings.forEach(System::setProperty);
            TelemetryRun run = TelemetryRun.start("junit5", Map.of(), "test", Path.of(args[3]), log);
            run.recorder().testStarted();
            run.recorder().testFinished("a.ATest", "t()", org.testtelemetry.core.recorder.Outcome.PASSED, null);
            start = System.nanoTime();
            run.finish();
        } else {
            Configuration config = Configuration.load(new ConfigInputs(settings, Map.of(), Map.of(), null, Map.of(),
                    null));
            var report = ReportBuilder.create(new Environment(null, null, null, null, null, null, null),
                    new Project("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210",
                            Anonymization.ALL)).build();
            start = System.nanoTime();
            ReportDelivery.deliver(report, config, log,
                    new DeliveryContext(Path.of(args[3]).resolve("target"), null, Map.of(), Map.of()));
        }
        System.out.println("end of run took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
