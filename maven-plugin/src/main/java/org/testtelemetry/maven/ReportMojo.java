package org.testtelemetry.maven;

import java.nio.file.Path;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.testtelemetry.core.run.PartialResults;

/**
 * Builds this module's report from {@code target/surefire-reports} and {@code target/failsafe-reports}
 * ({@code TEST-*.xml}) and {@code jacoco.exec}/{@code jacoco-it.exec}, and delivers it. Bound to
 * {@code verify}; also runs on its own after a test run: {@code mvn telemetry:report -Dtelemetry.enabled=true}.
 * A module without test results sends nothing, nor does one whose test JVMs reported themselves (an adapter on the
 * test classpath, enabled there): the run is reported once. Never fails the build: a problem is one warning line.
 *
 * <p>With {@code telemetry:prepare} in the same build, the test JVMs only write partial results and this goal merges
 * them per execution with the XML, as extension mode does (several forks, one report).
 *
 * <p>When the plugin is also a build extension (declared with {@code &lt;extensions&gt;true&lt;/extensions&gt;}), the extension reports
 * every module once at the end of the session — also when tests failed — and this goal does nothing.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class ReportMojo extends AbstractTelemetryMojo {

    @Inject
    public ReportMojo(RuntimeInformation runtime) {
        super(runtime);
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().debug("Test telemetry: skipped (telemetry.skip)");
            return;
        }
        if (TelemetryExtension.reportsAtSessionEnd(mavenProject)) {
            getLog().debug("Test telemetry: the build extension reports this module at the end of the build");
            return;
        }
        if (ReportMode.reportPrepared(session, mavenProject, log())) {
            return; // telemetry:prepare handed the forks a run directory: one merged report, sent once
        }
        Instant sessionStart = session == null || session.getRequest().getStartTime() == null ? null
                : session.getRequest().getStartTime().toInstant().minusSeconds(2); // coarse file times
        if (PartialResults.deliveredSince(Path.of(mavenProject.getBuild().getDirectory(), "telemetry-run"), sessionStart)) {
            // the adapters in the test JVMs reported this module's tests already: sending them again would double them
            getLog().debug("Test telemetry: the adapters in the test JVMs reported this module");
            return;
        }
        moduleReport().deliver();
    }
}
