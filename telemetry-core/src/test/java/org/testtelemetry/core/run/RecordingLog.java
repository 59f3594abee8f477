package org.testtelemetry.core.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.testtelemetry.core.TelemetryLog;

/** Keeps every line, prefixed with its level. */
final class RecordingLog implements TelemetryLog {

    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String line) {
        lines.add("INFO " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public void debug(String line) {
        lines.add("DEBUG " + line);
    }

    List<String> warnings() {
        return lines.stream().filter(l -> l.startsWith("WARN ")).toList();
    }
}
