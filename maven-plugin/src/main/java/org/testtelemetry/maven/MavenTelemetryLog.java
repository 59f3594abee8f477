package org.testtelemetry.maven;

import org.apache.maven.plugin.logging.Log;
import org.slf4j.Logger;
import org.testtelemetry.core.TelemetryLog;

/** Core's log on top of Maven's: a mojo's {@link Log}, or the build's SLF4J logger in extension mode. */
final class MavenTelemetryLog {

    private MavenTelemetryLog() {
    }

    static TelemetryLog of(Log log) {
        return new TelemetryLog() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }

            @Override
            public void debug(String line) {
                log.debug(line);
            }
        };
    }

    static TelemetryLog of(Logger log) {
        return new TelemetryLog() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }

            @Override
            public void debug(String line) {
                log.debug(line);
            }
        };
    }
}
