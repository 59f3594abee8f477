package org.testtelemetry.core.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import org.apiguardian.api.API;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.env.EnvironmentDetector;
import org.testtelemetry.core.identity.AnonymizationKey;
import org.testtelemetry.core.identity.Anonymizer;
import org.testtelemetry.core.identity.ProjectIdentity;
import org.testtelemetry.core.identity.ProjectName;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.ReportBuilder;

/**
 * Everything a run's report needs before the first test: configuration, environment and the (anonymized)
 * project. {@link #resolve} creates the hashing key file only when telemetry is enabled; with telemetry off (as
 * {@code show} may run) it writes nothing and hashes with the existing key, or a one-time key
 * ({@link #oneTimeKey()}). Adapters check {@link Configuration#enabled()} first and then build their report with
 * {@link #reportBuilder()}.
 *
 * <pre>{@code
 * Configuration config = Configuration.load(inputs);
 * if (config.enabled()) {
 *     RunContext context = RunContext.resolve(config, inputs, projectDir, null, "junit5", null, log);
 *     ...
 *     Report report = context.reportBuilder().metrics(metrics).build();
 * }
 * }</pre>
 *
 * @param name       the project in clear: for the user's own console only, never sent unless anonymize=none
 * @param oneTimeKey whether the hashes come from a key made for this call only (telemetry off, no key yet): an
 *                   enabled run creates the real key, so its ids will differ
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public record RunContext(Configuration config, Environment environment, ProjectName name, Project project,
                         boolean oneTimeKey) {

    /**
     * @param projectDir where {@code pom.xml} is read when neither configuration nor build names the project
     * @param fromBuild  the build tool's own project coordinates, or null
     * @param adapter    junit5, testng, maven-plugin or cli
     * @param buildTool  the build tool when the caller knows it, else null to detect
     * @param log        receives identity warnings and hints (configuration warnings are the caller's)
     */
    public static RunContext resolve(Configuration config, ConfigInputs inputs, Path projectDir,
                                     ProjectName fromBuild, String adapter, BuildTool buildTool,
                                     TelemetryLog log) {
        Environment environment = EnvironmentDetector.detect(inputs.systemProperties(), inputs.environment(),
                adapter, buildTool);
        ProjectName name = ProjectIdentity.resolve(config.project(), fromBuild, projectDir, log::warn);
        // telemetry off writes nothing, not even the key file
        byte[] key = config.enabled() ? AnonymizationKey.resolve(config.salt(), config.stateDir(), log::warn)
                : AnonymizationKey.existing(config.salt(), config.stateDir());
        boolean oneTime = key == null;
        Project project = new Anonymizer(oneTime ? AnonymizationKey.oneTime() : key).apply(name, config.anonymize());
        return new RunContext(config, environment, name, project, oneTime);
    }

    /** A builder for this run's report, with the environment and project filled in. */
    public ReportBuilder reportBuilder() {
        return ReportBuilder.create(environment, project);
    }
}
