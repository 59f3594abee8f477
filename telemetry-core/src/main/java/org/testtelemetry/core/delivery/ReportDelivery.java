package org.testtelemetry.core.delivery;

import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.report.Report;

/**
 * The single entry point adapters and the Maven plugin call at the end of a run. Never throws.
 * (Placeholder until the delivery issue: it only prints the summary line.)
 */
public final class ReportDelivery {

    private ReportDelivery() {
    }

    public static DeliveryResult deliver(Report report, Configuration config, TelemetryLog log) {
        var t = report.metrics().tests();
        String line = "Test telemetry: " + t.total() + " tests (" + t.passed() + " passed, " + t.failed() + " failed, "
                + t.errored() + " errored, " + t.skipped() + " skipped) — not sent: delivery is not implemented yet";
        log.info(line);
        return new DeliveryResult(DeliveryResult.Status.FAILED, line);
    }
}
