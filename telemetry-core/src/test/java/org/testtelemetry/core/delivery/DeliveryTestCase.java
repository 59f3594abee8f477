package org.testtelemetry.core.delivery;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.report.Report;

/** What every delivery test starts with: an outbox, a build directory, a report, a log and a warm client. */
abstract class DeliveryTestCase {

    @TempDir
    Path outbox;
    @TempDir
    Path buildDir;

    final Report report = DeliveryTestSupport.report();
    final RecordingLog log = new RecordingLog();

    /** Puts {@code queued} in the outbox, as an earlier run that could not deliver it would have. */
    Report queue(Report queued) throws java.io.IOException {
        new Outbox(outbox).save(queued, org.testtelemetry.report.ReportJson.writeBytes(queued));
        return queued;
    }

    @BeforeAll
    static void warmUpClient() {
        ReportSender.warmUp(); // as a long test JVM would have it: the budgets here are about the network
    }
}
