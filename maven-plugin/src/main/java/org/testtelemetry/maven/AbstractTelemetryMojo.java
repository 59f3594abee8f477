package org.testtelemetry.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.testtelemetry.core.TelemetryLog;

/**
 * The settings every goal shares. Each parameter is one key of the project's configuration, settable here in
 * {@code <configuration>} or as {@code -Dtelemetry.*}; a system property or environment variable
 * ({@code TELEMETRY_*}) wins over this configuration, which wins over {@code telemetry.properties}.
 */
abstract class AbstractTelemetryMojo extends AbstractMojo {

    /**
     * Send (or write) a report for this module's test run. Nothing at all happens unless this is {@code true};
     * {@code DO_NOT_TRACK=1} in the environment turns telemetry off whatever this says.
     */
    @Parameter(property = "telemetry.enabled")
    String enabled;

    /** Base URL of the telemetry platform (http or https), e.g. {@code https://telemetry.example.org}. */
    @Parameter(property = "telemetry.endpoint")
    String endpoint;

    /** Bearer token for the platform. Never printed; prefer the {@code TELEMETRY_TOKEN} environment variable. */
    @Parameter(property = "telemetry.token")
    String token;

    /** The project as {@code vendor/name}; default: this module's groupId/artifactId. */
    @Parameter(property = "telemetry.project")
    String project;

    /**
     * What to hash before sending: {@code all} (default: vendor and name), {@code project} (vendor in clear,
     * name hashed) or {@code none}.
     */
    @Parameter(property = "telemetry.anonymize")
    String anonymize;

    /**
     * Secret key for hashing names, so a team gets the same ids on every machine (set it from a CI secret);
     * default: a random key kept in {@code ~/.test-telemetry/key}.
     */
    @Parameter(property = "telemetry.salt")
    String salt;

    /** Time budget of the whole delivery, e.g. {@code 3s} (default), {@code 500ms} or {@code PT2S}. */
    @Parameter(property = "telemetry.timeout")
    String timeout;

    /**
     * Comma-separated writers: {@code http}, {@code stdout}, {@code file}. Default: {@code http,stdout} with an
     * endpoint, else {@code file,stdout}.
     */
    @Parameter(property = "telemetry.writers")
    String writers;

    /** {@code true}: print the JSON that would be sent and send nothing. */
    @Parameter(property = "telemetry.dryRun")
    String dryRun;

    /** Folder for reports not yet delivered, sent first on the next run; default {@code ~/.test-telemetry/outbox}. */
    @Parameter(property = "telemetry.outbox")
    String outbox;

    /** Comma-separated class folders and jars to measure JaCoCo coverage on; default {@code target/classes}. */
    @Parameter(property = "telemetry.coverage.classes")
    String coverageClasses;

    /**
     * {@code false}: in extension mode, do not attach the assertion-counting agent to test JVMs (assertions and
     * void tests are then reported as unknown).
     */
    @Parameter(property = "telemetry.assertions")
    String assertions;

    /** {@code true}: this goal does nothing at all (also {@code -Dtelemetry.skip=true}). */
    @Parameter(property = PluginSettings.SKIP_PROPERTY, defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject mavenProject;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    private final RuntimeInformation runtime;

    AbstractTelemetryMojo(RuntimeInformation runtime) {
        this.runtime = runtime;
    }

    /** The parameters as core's build-config map. */
    Map<String, String> buildConfig() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("enabled", enabled);
        values.put("endpoint", endpoint);
        values.put("token", token);
        values.put("project", project);
        values.put("anonymize", anonymize);
        values.put("salt", salt);
        values.put("timeout", timeout);
        values.put("writers", writers);
        values.put("dryRun", dryRun);
        values.put("outbox", outbox);
        values.put("coverageClasses", coverageClasses);
        values.put("assertions", assertions);
        return PluginSettings.buildConfig(values);
    }

    ModuleReport moduleReport() {
        return new ModuleReport(session, mavenProject, buildConfig(), mavenVersion(runtime), log())
                .customReportDirs(this::configuredReportDirs);
    }

    /** Every {@code reportsDirectory} the module's Surefire and Failsafe configurations name, evaluated. */
    List<Path> configuredReportDirs() {
        List<Path> dirs = new ArrayList<>();
        for (Plugin plugin : mavenProject.getBuildPlugins()) {
            if (!"org.apache.maven.plugins".equals(plugin.getGroupId())
                    || !plugin.getArtifactId().matches("maven-(surefire|failsafe)-plugin")) {
                continue;
            }
            List<Object> configs = new ArrayList<>();
            configs.add(plugin.getConfiguration());
            plugin.getExecutions().forEach(e -> configs.add(e.getConfiguration()));
            for (Object config : configs) {
                Xpp3Dom dir = config instanceof Xpp3Dom dom ? dom.getChild("reportsDirectory") : null;
                if (dir == null || dir.getValue() == null || dir.getValue().isBlank()) {
                    continue;
                }
                try {
                    Object value = new PluginParameterExpressionEvaluator(session, mojoExecution).evaluate(dir.getValue());
                    if (value != null) {
                        Path path = Path.of(value.toString());
                        dirs.add(path.isAbsolute() ? path : mavenProject.getBasedir().toPath().resolve(path));
                    }
                } catch (ExpressionEvaluationException | RuntimeException e) {
                    log().debug("Test telemetry: cannot evaluate reportsDirectory " + dir.getValue() + ": " + e);
                }
            }
        }
        return dirs;
    }

    TelemetryLog log() {
        return MavenTelemetryLog.of(getLog());
    }

    String mavenVersion() {
        return mavenVersion(runtime);
    }

    static String mavenVersion(RuntimeInformation runtime) {
        try {
            return runtime == null ? null : runtime.getMavenVersion();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
