package org.testtelemetry.maven;

import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;
import org.slf4j.Logger;
import org.testtelemetry.core.TelemetryLog;

/** Core's log on top of Maven's: a mojo's {@link Log}, or the build's SLF4J logger in extension mode. */
final class MavenTelemetryLog implements TelemetryLog {

    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final Consumer<String> debug;

    private MavenTelemetryLog(Consumer<String> info, Consumer<String> warn, Consumer<String> debug) {
        this.info = info;
        this.warn = warn;
        this.debug = debug;
    }

    static TelemetryLog of(Log log) {
        return new MavenTelemetryLog(log::info, log::warn, log::debug);
    }

    static TelemetryLog of(Logger log) {
        return new MavenTelemetryLog(log::info, log::warn, log::debug);
    }

    @Override
    public void info(String line) {
        info.accept(line);
    }

    @Override
    public void warn(String line) {
        warn.accept(line);
    }

    @Override
    public void debug(String line) {
        debug.accept(line);
    }
}
