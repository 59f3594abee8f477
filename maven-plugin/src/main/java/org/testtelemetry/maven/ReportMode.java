package org.testtelemetry.maven;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.Configuration;

/**
 * {@code telemetry:report} mode with {@code telemetry:prepare}: the forks get a run directory per Surefire/Failsafe
 * execution exactly as in extension mode ({@code telemetry.runDir} in the goal's {@code systemPropertyVariables},
 * set as each test goal starts, since a goal's configuration is fixed before the first mojo runs), so they only
 * write partial results, and the module is reported once: by the {@code report} goal, or at the end of the build
 * when that goal never ran (failed tests stop the build before {@code verify}).
 */
final class ReportMode {

    /** One state per build; the listener that watches the test goals is installed with it. */
    private static final Map<MavenExecutionRequest, TelemetryExtension.SessionState> SESSIONS =
            new ConcurrentHashMap<>();

    private ReportMode() {
    }

    /** Prepares one module (from {@code telemetry:prepare}): clears its run directory and watches its test goals. */
    static void prepare(MavenSession session, MavenProject project, Map<String, String> buildConfig,
                        Configuration config, String mavenVersion, TelemetryLog log) {
        TelemetryExtension.SessionState state = SESSIONS.computeIfAbsent(session.getRequest(), request -> {
            TelemetryExtension.SessionState fresh = new TelemetryExtension.SessionState(Instant.now(), true);
            request.setExecutionListener(new TestGoalListener(request.getExecutionListener(), fresh));
            return fresh;
        });
        state.mavenVersion = mavenVersion;
        synchronized (state.modules) {
            if (state.modules.containsKey(project.getId())) {
                return;
            }
            Path runRoot = Path.of(project.getBuild().getDirectory(), "telemetry-run");
            ForkPartials.clear(runRoot, log);
            TelemetryExtension.Module module = new TelemetryExtension.Module(project, buildConfig, runRoot);
            module.assertions = config.assertions();
            // Surefire forwards user properties to forks by itself (and warns when a variable overrides one)
            module.addEnabled = !session.getUserProperties().containsKey(ConfigKey.ENABLED.key());
            state.modules.put(project.getId(), module);
        }
        log.debug("Test telemetry: the test JVMs of " + project.getArtifactId() + " write partial results for the "
                + "report goal");
    }

    /**
     * Reports a prepared module from the {@code report} goal: true when it was prepared (reported now, or already,
     * or its tests never ran), false when the goal should read the module's XML on its own.
     */
    static boolean reportPrepared(MavenSession session, MavenProject project, TelemetryLog log) {
        TelemetryExtension.SessionState state = session == null ? null : SESSIONS.get(session.getRequest());
        TelemetryExtension.Module module = state == null ? null : state.modules.get(project.getId());
        if (module == null) {
            return false;
        }
        if (module.claimReport()) {
            TelemetryExtension.report(session, state, module, state.mavenVersion, log);
        } else {
            log.debug("Test telemetry: " + project.getArtifactId() + " was reported already, or ran no tests");
        }
        return true;
    }

    /** Forgets a build (its end reached the listener): a long-lived Maven daemon keeps no state per build. */
    static void ended(MavenExecutionRequest request) {
        SESSIONS.remove(request);
    }
}
