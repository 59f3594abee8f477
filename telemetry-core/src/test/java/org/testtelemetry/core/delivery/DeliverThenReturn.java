package org.testtelemetry.core.delivery;

import java.nio.file.Path;
import java.util.Map;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.env.EnvironmentDetector;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.ReportBuilder;

/**
 * A child JVM for {@link ShadedJarIT}: delivers one report and returns from {@code main} without
 * {@code System.exit}, so the JVM ends only if delivery left no non-daemon thread behind.
 * Arguments: endpoint, outbox, build directory, timeout.
 */
public final class DeliverThenReturn {

    private DeliverThenReturn() {
    }

    public static void main(String[] args) {
        Configuration config = Configuration.load(new ConfigInputs(Map.of("telemetry.enabled", "true",
                "telemetry.endpoint", args[0], "telemetry.outbox", args[1], "telemetry.timeout", args[3]),
                Map.of(), Map.of(), null, Map.of(), null));
        var report = ReportBuilder.create(EnvironmentDetector.detect(Map.of(), Map.of(), "cli", null),
                new Project("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210",
                        Anonymization.ALL)).build();
        ReportDelivery.deliver(report, config, TelemetryLog.stream(System.out, false),
                new DeliveryContext(Path.of(args[2]), null, Map.of(), Map.of()));
        System.out.println("main returned");
    }
}
