package org.testtelemetry.core.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.config.WriterKind;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.report.Report;

/**
 * One way a report leaves the run, one per {@link WriterKind}: {@link HttpWriter}, {@link ReportFileWriter},
 * {@link StdoutWriter}. {@link ReportDelivery} runs them in that order and joins what they say into the one line.
 */
interface ReportWriter {

    /** Writes {@code report} (already through the privacy guard) and says what happened; never throws. */
    Outcome write(Report report);

    /** Whether the run's one line is printed at INFO; otherwise it goes to DEBUG (unless it is a failure). */
    default boolean printsTheLine() {
        return false;
    }

    /**
     * What one writer did.
     *
     * @param status how it ended; the first writer's status is the delivery's
     * @param part   its part of the one line, e.g. "written to target/telemetry/report-….json"; null for none
     */
    record Outcome(Status status, String part) {
    }

    /** The writers {@code kinds} name, in the order they run: http, file, stdout. */
    static List<ReportWriter> of(Set<WriterKind> kinds, Configuration config, DeliveryContext context,
                                 TelemetryLog log) {
        List<ReportWriter> writers = new ArrayList<>();
        if (kinds.contains(WriterKind.HTTP)) {
            writers.add(new HttpWriter(config, context, log));
        }
        if (kinds.contains(WriterKind.FILE)) {
            writers.add(new ReportFileWriter(context.buildDir()));
        }
        if (kinds.contains(WriterKind.STDOUT)) {
            writers.add(new StdoutWriter());
        }
        return writers;
    }
}
