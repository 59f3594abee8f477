package org.testtelemetry.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.coverage.CoverageReader;
import org.testtelemetry.core.delivery.DeliveryContext;
import org.testtelemetry.core.delivery.ReportDelivery;
import org.testtelemetry.core.identity.ProjectName;
import org.testtelemetry.core.run.RunContext;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.core.surefire.SurefireMerge;
import org.testtelemetry.core.surefire.SurefireReports;

/**
 * One module's report: its Surefire/Failsafe XML, the partial results of its test JVMs (extension mode), JaCoCo's
 * exec files, and its identity from the Maven model. Shared by {@code telemetry:report}, {@code telemetry:show}
 * and the extension's end of session; the counting itself is core's ({@link SurefireMerge}).
 */
final class ModuleReport {

    static final String ADAPTER = "maven-plugin";

    private final MavenSession session;
    private final MavenProject project;
    private final Map<String, String> buildConfig;
    private final String mavenVersion;
    private final TelemetryLog log;

    private Instant since;
    private List<Report> partials = List.of();
    private long durationMs;
    private ForkCrashes.Found crashes = ForkCrashes.Found.NONE;

    ModuleReport(MavenSession session, MavenProject project, Map<String, String> buildConfig, String mavenVersion,
                 TelemetryLog log) {
        this.session = session;
        this.project = project;
        this.buildConfig = buildConfig;
        this.mavenVersion = mavenVersion;
        this.log = log;
    }

    /** Ignore XML reports older than this (left by an earlier build); null keeps every one. */
    ModuleReport since(Instant value) {
        this.since = value;
        return this;
    }

    ModuleReport partials(List<Report> value) {
        this.partials = List.copyOf(value);
        return this;
    }

    /** The wall clock of the module's test goals, when measured. */
    ModuleReport durationMs(long value) {
        this.durationMs = value;
        return this;
    }

    ModuleReport crashes(ForkCrashes.Found value) {
        this.crashes = value;
        return this;
    }

    ConfigInputs inputs() {
        return PluginSettings.inputs(session, project.getBasedir().toPath(), buildConfig);
    }

    /** The project context (identity, environment) for this module. */
    RunContext context(Configuration config, ConfigInputs inputs) {
        return RunContext.resolve(config, inputs, project.getBasedir().toPath(),
                new ProjectName(project.getGroupId(), project.getArtifactId()), ADAPTER,
                new BuildTool("maven", mavenVersion), log);
    }

    /** The report these results make, or null when the module ran no test at all (nothing to report). */
    Report build(RunContext context) {
        Path target = buildDirectory();
        List<Path> files = SurefireReports.find(List.of(target.resolve("surefire-reports"),
                target.resolve("failsafe-reports")));
        if (since != null) {
            files.removeIf(file -> olderThan(file, since));
        }
        SurefireReports.Totals xml = SurefireReports.read(files, log);
        if (xml.tests().total() == 0 && partials.isEmpty() && crashes.incomplete() == 0) {
            return null;
        }
        Metrics.Coverage coverage = coverage(context.config(), target);
        Metrics metrics = SurefireMerge.metrics(xml, partials, coverage, durationMs, crashes.incomplete(),
                crashes.forks());
        List<Framework> frameworks = SurefireMerge.frameworks(partials);
        if (frameworks.isEmpty()) {
            frameworks = frameworksOf(project);
        }
        return ReportBuilder.create(context.environment().withFrameworks(frameworks), context.project())
                .metrics(metrics)
                .build();
    }

    /** Builds and delivers the report when telemetry is enabled; never throws. */
    void deliver() {
        try {
            ConfigInputs inputs = inputs();
            Configuration config = Configuration.load(inputs);
            if (!config.enabled()) {
                config.warnings().stream().filter(w -> w.key() == ConfigKey.ENABLED).forEach(w -> log.warn(w.line()));
                log.debug("Test telemetry: disabled for " + project.getArtifactId() + ": " + config.disabledReason());
                return;
            }
            config.warnings().forEach(w -> log.warn(w.line()));
            Report report = build(context(config, inputs));
            if (report == null) {
                log.debug("Test telemetry: no test ran in " + project.getArtifactId() + ", nothing to report");
                return;
            }
            log.debug("Test telemetry: report " + ReportJson.write(report));
            ReportDelivery.deliver(report, config, log, DeliveryContext.defaults()
                    .withBuildDir(buildDirectory())
                    .withProcess(PluginSettings.processProperties(session), System.getenv()));
        } catch (Throwable t) {
            new FailOpen(log).swallow("the report for " + project.getArtifactId(), t);
        }
    }

    Path buildDirectory() {
        return Path.of(project.getBuild().getDirectory());
    }

    private Metrics.Coverage coverage(Configuration config, Path target) {
        List<Path> execs = new ArrayList<>();
        for (String name : List.of("jacoco.exec", "jacoco-it.exec")) {
            Path exec = target.resolve(name);
            if (Files.isRegularFile(exec) && (since == null || !olderThan(exec, since))) {
                execs.add(exec);
            }
        }
        if (execs.isEmpty()) {
            return null;
        }
        List<Path> classes = config.coverageClasses().isEmpty()
                ? List.of(Path.of(project.getBuild().getOutputDirectory())) : config.coverageClasses();
        try {
            return CoverageReader.fromExecFiles(execs, classes, log);
        } catch (Throwable t) {
            new FailOpen(log).swallow("reading JaCoCo data (coverage left out)", t);
            return null;
        }
    }

    /**
     * The test frameworks of the module, when no test JVM named them: from its resolved test classpath, else
     * (at the end of a session, where Maven may hold another copy of the project) from its declared dependencies.
     */
    static List<Framework> frameworksOf(MavenProject project) {
        List<Framework> out = new ArrayList<>();
        if (project.getArtifacts() != null) {
            for (Artifact a : project.getArtifacts()) {
                addFramework(out, a.getGroupId(), a.getArtifactId(), a.getBaseVersion());
            }
        }
        if (out.isEmpty() && project.getDependencies() != null) {
            for (Dependency d : project.getDependencies()) {
                addFramework(out, d.getGroupId(), d.getArtifactId(), d.getVersion());
            }
        }
        return out;
    }

    private static void addFramework(List<Framework> out, String groupId, String artifactId, String version) {
        String name = switch (groupId + ":" + artifactId) {
            case "org.junit.jupiter:junit-jupiter-engine", "org.junit.jupiter:junit-jupiter" -> "junit-jupiter";
            case "org.junit.vintage:junit-vintage-engine" -> "junit-vintage";
            case "org.testng:testng" -> "testng";
            case "junit:junit" -> "junit4";
            default -> null;
        };
        if (name != null && out.stream().noneMatch(f -> f.name().equals(name))) {
            out.add(new Framework(name, version));
        }
    }

    private static boolean olderThan(Path file, Instant since) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return modified.toInstant().isBefore(since);
        } catch (IOException e) {
            return true;
        }
    }
}
