package org.testtelemetry.maven;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.run.RunContext;
import org.testtelemetry.core.run.ShowReport;
import org.testtelemetry.report.Report;

/**
 * Prints what {@code telemetry:report} would send for this module — the report JSON built from the test results
 * now in {@code target}, every setting with the source it came from, the project before and after
 * anonymization, and whether telemetry is on — and sends and writes nothing: {@code mvn telemetry:show}. The JSON
 * is what the privacy step lets through ({@link ShowReport#print} applies it).
 */
@Mojo(name = "show", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class ShowMojo extends AbstractTelemetryMojo {

    @Inject
    public ShowMojo(RuntimeInformation runtime) {
        super(runtime);
    }

    @Override
    public void execute() {
        if (skip) {
            getLog().info("Test telemetry: skipped (telemetry.skip)");
            return;
        }
        try {
            ModuleReport module = moduleReport();
            ConfigInputs inputs = module.inputs();
            Configuration config = Configuration.load(inputs);
            config.warnings().forEach(w -> getLog().warn(w.line()));
            RunContext context = module.context(config, inputs);
            Report report = module.build(context);
            if (report == null) {
                report = context.reportBuilder().build();
                getLog().info("Test telemetry: no test results in " + module.buildDirectory()
                        + " yet; the report below has no counts");
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
                ShowReport.print(report, context, "no groupId/artifactId", out, out);
            }
            text.toString(StandardCharsets.UTF_8).lines().forEach(getLog()::info);
        } catch (Throwable t) {
            new FailOpen(log()).swallow("showing the report", t);
        }
    }
}
