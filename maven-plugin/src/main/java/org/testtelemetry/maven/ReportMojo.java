package org.testtelemetry.maven;

import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.rtinfo.RuntimeInformation;

/**
 * Builds this module's report from {@code target/surefire-reports} and {@code target/failsafe-reports}
 * ({@code TEST-*.xml}) and {@code jacoco.exec}/{@code jacoco-it.exec}, and delivers it. Bound to
 * {@code verify}; also runs on its own after a test run: {@code mvn telemetry:report -Dtelemetry.enabled=true}.
 * A module without test results sends nothing. Never fails the build: a problem is one warning line.
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
        moduleReport().deliver();
    }
}
