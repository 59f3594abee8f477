package org.testtelemetry.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.core.surefire.SurefireMerge;
import org.testtelemetry.core.surefire.SurefireReports;

/**
 * One module's report: its Surefire/Failsafe XML, the partial results of its test JVMs (extension mode), JaCoCo's
 * exec files, and its identity from the Maven model. Shared by {@code telemetry:report}, {@code telemetry:show}
 * and the extension's end of session; the counting itself is core's ({@link SurefireMerge}).
 */
final class ModuleReport {

    static final String ADAPTER = "maven-plugin";
    /** For a second read of files whose problems were already reported. */
    private static final TelemetryLog QUIET = new TelemetryLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    };

    private final MavenSession session;
    private final MavenProject project;
    private final Map<String, String> buildConfig;
    private final String mavenVersion;
    private final TelemetryLog log;

    private Instant since;
    private List<Report> partials = List.of();
    private long durationMs;
    private ForkCrashes.Found crashes = ForkCrashes.Found.NONE;
    private List<Execution> executions = List.of();
    private Supplier<List<Path>> customReportDirs = List::of;

    /**
     * One Surefire/Failsafe execution that ran in this build.
     *
     * @param key        {@code <plugin>-<execution id>}
     * @param reportsDir where it wrote its XML reports
     * @param runDir     where its forks wrote their partial results
     * @param crashed    whether a fork of it died
     */
    record Execution(String key, Path reportsDir, Path runDir, Instant start, Instant end, boolean crashed) {
    }

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

    /** The module's test executions as the extension saw them (extension mode). */
    ModuleReport executions(List<Execution> value) {
        this.executions = List.copyOf(value);
        return this;
    }

    /** Report folders configured in the model besides the defaults (report goal). */
    ModuleReport customReportDirs(Supplier<List<Path>> value) {
        this.customReportDirs = value;
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
        List<Report> allPartials = new ArrayList<>();
        Metrics metrics = executions.isEmpty() ? fromReportDirs() : fromExecutions(allPartials);
        if (metrics == null) {
            return null;
        }
        // coverage of the whole module (jacoco.exec) wins over a single fork's in-process coverage
        Metrics.Coverage coverage = coverage(context.config(), buildDirectory());
        if (coverage != null) {
            metrics = new Metrics(metrics.classes(), metrics.methods(), metrics.tests(), metrics.assertions(),
                    metrics.exceptions(), metrics.errors(), coverage, metrics.durationMs(), metrics.memory(),
                    metrics.forks());
        }
        List<Framework> frameworks = SurefireMerge.frameworks(executions.isEmpty() ? partials : allPartials);
        if (frameworks.isEmpty()) {
            frameworks = frameworksOf(project);
        }
        return ReportBuilder.create(context.environment().withFrameworks(frameworks), context.project())
                .metrics(metrics)
                .build();
    }

    /** Report goal (or a test with no execution seen): every XML report under the module's report folders. */
    private Metrics fromReportDirs() {
        List<Path> files = SurefireReports.find(reportDirs());
        if (since != null) {
            files.removeIf(file -> olderThan(file, since));
        }
        SurefireReports.Totals xml = SurefireReports.read(files, log);
        if (xml.tests().total() == 0 && partials.isEmpty() && crashes.incomplete() == 0) {
            return null;
        }
        // without the extension's clock: the test phase's wall time, first suite start to last suite end
        long wallClockMs = durationMs > 0 ? durationMs : SurefireReports.wallClockMs(files);
        return SurefireMerge.metrics(xml, partials, null, wallClockMs, crashes.incomplete(), crashes.forks());
    }

    /**
     * Extension mode: each execution's XML merged with its own forks' partials, then summed. Two executions
     * that share a report folder are told apart by when each file was written.
     */
    private Metrics fromExecutions(List<Report> allPartials) {
        Map<Execution, List<Path>> filesOf = new LinkedHashMap<>();
        executions.forEach(e -> filesOf.put(e, new ArrayList<>()));
        for (Path dir : executions.stream().map(Execution::reportsDir).distinct().toList()) {
            List<Execution> writers = executions.stream().filter(e -> e.reportsDir().equals(dir))
                    .sorted(Comparator.comparing(Execution::start)).toList();
            for (Path file : SurefireReports.find(List.of(dir))) {
                Instant modified = modified(file);
                if (modified == null || since != null && writtenBefore(modified, since)) {
                    continue; // left by an earlier build
                }
                Execution owner = writers.get(0);
                for (Execution e : writers) {
                    if (!e.start().isAfter(modified)) {
                        owner = e;
                    }
                }
                filesOf.get(owner).add(file);
            }
        }
        List<Metrics> parts = new ArrayList<>();
        List<Path> allFiles = new ArrayList<>();
        // executions with XML name their classes there; one whose forks left only partials names them by fingerprint
        List<Execution> partialsOnly = new ArrayList<>();
        boolean anything = false;
        for (Execution e : executions) {
            List<Path> files = filesOf.get(e);
            allFiles.addAll(files);
            SurefireReports.Totals xml = SurefireReports.read(files, log);
            PartialResults.Run run = PartialResults.read(e.runDir(), log);
            List<Report> forks = run.finished();
            allPartials.addAll(forks);
            if (files.isEmpty() && !forks.isEmpty()) {
                partialsOnly.add(e);
            }
            ForkCrashes.Found crashed = ForkCrashes.Found.NONE;
            if (!run.unfinished().isEmpty()) {
                crashed = ForkCrashes.counted(run.unfinished(), files, e.runDir());
            } else if (e.crashed()) {
                // no adapter in the dead fork told what it planned
                crashed = ForkCrashes.estimate(Path.of(project.getBuild().getTestOutputDirectory()), Set.of(e.reportsDir()));
            }
            if (xml.tests().total() == 0 && forks.isEmpty() && crashed.incomplete() == 0) {
                continue; // skipped, or nothing matched its includes
            }
            anything = true;
            parts.add(SurefireMerge.metrics(xml, forks, null, 0, crashed.incomplete(), crashed.forks()));
        }
        if (!anything) {
            return null;
        }
        SurefireReports.Totals all = SurefireReports.read(allFiles, QUIET);
        long[] distinct = partialsOnly.isEmpty() ? null : distinctWithPartials(filesOf, partialsOnly);
        long classes = distinct != null ? distinct[0]
                : all.files() > 0 ? all.classes() : parts.stream().mapToLong(Metrics::classes).sum();
        long methods = distinct != null ? distinct[1]
                : all.files() > 0 ? all.methods() : parts.stream().mapToLong(Metrics::methods).sum();
        return SurefireMerge.sum(parts, classes, methods, null, durationMs);
    }

    /**
     * Distinct classes and methods when some executions left partial results and no XML (e.g.
     * {@code disableXmlReport}): the XML's names and those partials' fingerprints under the module's one key
     * ({@link PartialResults#shareKey}), so a class run by both kinds of execution counts once. Null when an
     * execution's key cannot be read (the counts then add up per execution).
     */
    private long[] distinctWithPartials(Map<Execution, List<Path>> filesOf, List<Execution> partialsOnly) {
        try {
            PartialResults.Seen xml = PartialResults.Seen.NONE;
            PartialResults.Seen forks = PartialResults.Seen.NONE;
            for (Execution e : executions) {
                List<Path> files = filesOf.get(e);
                if (!files.isEmpty()) {
                    xml = xml.plus(SurefireReports.seen(files, PartialResults.fingerprints(e.runDir())));
                } else if (partialsOnly.contains(e)) {
                    forks = forks.plus(PartialResults.read(e.runDir(), QUIET).seen());
                }
            }
            return SurefireMerge.distinct(xml, forks);
        } catch (IOException | RuntimeException e) {
            log.debug("Test telemetry: no fingerprint key (" + e + "), classes and methods added up per execution");
            return null;
        }
    }

    /**
     * The folders Surefire and Failsafe write to in this module: the defaults plus every {@code reportsDirectory}
     * configured in the model, evaluated (report goal only; the extension knows each execution's own).
     */
    List<Path> reportDirs() {
        Path target = buildDirectory();
        List<Path> dirs = new ArrayList<>(List.of(target.resolve("surefire-reports"), target.resolve("failsafe-reports")));
        for (Path custom : customReportDirs.get()) {
            if (!dirs.contains(custom)) {
                dirs.add(custom);
            }
        }
        return dirs;
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
            // The report goal's JVM may not have loaded the HTTP client yet; the budget counts that class loading.
            ReportDelivery.warmUpFor(config);
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

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean olderThan(Path file, Instant since) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return writtenBefore(modified.toInstant(), since);
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Whether a file modified at {@code modified} was written before {@code since}. Where the file system keeps
     * sub-second times the kernel's file clock may lag the JVM's by a tick, so 100 ms of slack; where it keeps whole
     * seconds (FAT, some network mounts: no nanoseconds at all), 2 s. A fixed 2 s everywhere counted the previous
     * build's last report files when two builds ran back to back.
     */
    static boolean writtenBefore(Instant modified, Instant since) {
        Duration slack = modified.getNano() == 0 ? Duration.ofSeconds(2) : Duration.ofMillis(100);
        return modified.isBefore(since.minus(slack));
    }
}
