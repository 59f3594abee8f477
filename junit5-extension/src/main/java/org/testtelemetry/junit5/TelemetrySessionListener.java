package org.testtelemetry.junit5;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.OwnCost;
import org.testtelemetry.core.TelemetryLog;

/**
 * Test telemetry for the JUnit Platform: one report per launcher session (an IDE run, a console-launcher run,
 * a Gradle or Maven test JVM). Registered through {@code META-INF/services}, so adding the jar to the test
 * classpath is all it takes; nothing happens until {@code telemetry.enabled=true} is set as a system property,
 * environment variable ({@code TELEMETRY_ENABLED}), JUnit configuration parameter
 * ({@code junit-platform.properties}) or in {@code telemetry.properties}.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.testtelemetry</groupId>
 *   <artifactId>telemetry-junit5-extension</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>It adds a {@link TelemetryListener} to each session's launcher; that listener counts and, when the
 * session closes, reports. Nothing here ever fails a test or the session.
 */
public final class TelemetrySessionListener implements LauncherSessionListener {

    private final TelemetryLog log;
    private final Map<LauncherSession, TelemetryListener> sessions = new ConcurrentHashMap<>();

    /** The instance the JUnit Platform creates through {@code META-INF/services}; speaks on standard error. */
    public TelemetrySessionListener() {
        this(TelemetryLog.stderr(false));
    }

    /** @param log where the run's one line and any warning go */
    public TelemetrySessionListener(TelemetryLog log) {
        this.log = log;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        long began = OwnCost.begin();
        try {
            TelemetryListener listener = new TelemetryListener(log);
            sessions.put(session, listener);
            session.getLauncher().registerTestExecutionListeners(listener);
        } catch (Throwable t) {
            new FailOpen(log).swallow("opening the launcher session", t);
        }
        OwnCost.end(OwnCost.START, began); // its close is the run's end, measured there
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            TelemetryListener listener = sessions.remove(session);
            if (listener != null) {
                listener.sessionClosed();
            }
        } catch (Throwable t) {
            new FailOpen(log).swallow("closing the launcher session", t);
        }
    }
}
