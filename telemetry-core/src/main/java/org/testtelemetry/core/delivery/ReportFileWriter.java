package org.testtelemetry.core.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/** The file writer: {@code <build dir>/telemetry/report-<id>.json}, pretty-printed, written atomically. */
final class ReportFileWriter {

    private ReportFileWriter() {
    }

    static Path target(Path buildDir, Report report) {
        return buildDir.resolve("telemetry").resolve("report-" + report.id() + ".json");
    }

    static Path write(Path buildDir, Report report) throws IOException {
        Path file = target(buildDir, report);
        AtomicFiles.write(file, ReportJson.writePretty(report).getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
