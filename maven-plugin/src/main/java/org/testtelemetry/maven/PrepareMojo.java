package org.testtelemetry.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.Configuration;

/**
 * Hands this module's test JVMs a run directory before Surefire or Failsafe starts them, as extension mode does, so
 * that with {@code telemetry:report} the adapters in several forks write partial results and the module sends one
 * report: the {@code report} goal's, or, when the build stops before it (failed tests), one at the end of the
 * build. Bound to {@code initialize}; declare it with {@code report}:
 *
 * <pre>{@code
 * <execution><goals><goal>prepare</goal><goal>report</goal></goals></execution>
 * }</pre>
 *
 * Does nothing when the plugin is also a build extension (which prepares every module itself), when telemetry is
 * not enabled, or with {@code telemetry.skip}. Never fails the build: a problem is one warning line.
 */
@Mojo(name = "prepare", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareMojo extends AbstractTelemetryMojo {

    @Inject
    public PrepareMojo(RuntimeInformation runtime) {
        super(runtime);
    }

    @Override
    public void execute() {
        if (skip) {
            getLog().debug("Test telemetry: skipped (telemetry.skip)");
            return;
        }
        if (TelemetryExtension.reportsAtSessionEnd(mavenProject)) {
            getLog().debug("Test telemetry: the build extension prepares this module's test JVMs");
            return;
        }
        try {
            Configuration config = Configuration.load(
                    PluginSettings.inputs(session, mavenProject.getBasedir().toPath(), buildConfig()));
            if (!config.enabled()) {
                config.warnings().stream().filter(w -> w.key() == ConfigKey.ENABLED).forEach(w -> getLog().warn(w.line()));
                return;
            }
            ReportMode.prepare(session, mavenProject, buildConfig(), config, mavenVersion(), log());
        } catch (Throwable t) {
            new FailOpen(log()).swallow("preparing the test JVMs (they report on their own)", t);
        }
    }
}
