package org.testtelemetry.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.testtelemetry.core.TelemetryLog;

/**
 * A log for tests: keeps every line, prefixed with its level, so a test can assert on exactly what was said.
 * Shared with the adapters' and the plugin's tests through core's test-jar.
 */
public final class RecordingLog implements TelemetryLog {

    /** Every line in order, as {@code "INFO …"}, {@code "WARN …"} or {@code "DEBUG …"}. */
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

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

    public List<String> infos() {
        return level("INFO ");
    }

    public List<String> warnings() {
        return level("WARN ");
    }

    public List<String> debugs() {
        return level("DEBUG ");
    }

    /** Every line without its level prefix. */
    public List<String> all() {
        synchronized (lines) {
            return lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        }
    }

    private List<String> level(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }
    }

    /** A log that fails the test on the first warning (for reading results that must be clean). */
    public static TelemetryLog failingOnWarning() {
        return new TelemetryLog() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                throw new AssertionError(line);
            }
        };
    }
}
