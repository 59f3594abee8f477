package org.testtelemetry.core.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/** The {@code file} writer: {@code <build dir>/telemetry/report-<id>.json}, pretty-printed, written atomically. */
final class ReportFileWriter implements ReportWriter {

    private final Path buildDir;

    ReportFileWriter(Path buildDir) {
        this.buildDir = buildDir;
    }

    static Path target(Path buildDir, Report report) {
        return buildDir.resolve("telemetry").resolve("report-" + report.id() + ".json");
    }

    @Override
    public Outcome write(Report report) {
        Path target = target(buildDir, report);
        return FailOpen.call(() -> {
            try {
                AtomicFiles.write(target, ReportJson.writePretty(report).getBytes(StandardCharsets.UTF_8));
                return new Outcome(Status.WRITTEN, "written to " + target);
            } catch (IOException e) {
                return new Outcome(Status.FAILED, "could not write " + target + ": " + AtomicFiles.reason(e));
            }
        }, t -> new Outcome(Status.FAILED, "could not write " + target + ": " + FailOpen.describe(t)));
    }
}
