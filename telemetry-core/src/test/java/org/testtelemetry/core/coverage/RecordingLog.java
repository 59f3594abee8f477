package org.testtelemetry.core.coverage;

import java.util.ArrayList;
import java.util.List;
import org.testtelemetry.core.TelemetryLog;

/** Keeps what was logged, so tests can assert on the one warning a fault must produce. */
final class RecordingLog implements TelemetryLog {

    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public synchronized void info(String line) {
        infos.add(line);
    }

    @Override
    public synchronized void warn(String line) {
        warnings.add(line);
    }
}
