package org.testtelemetry.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.run.RunContext;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.report.ReportJson;

/** One module's report from files as Surefire and the in-JVM adapters leave them in target. */
class ModuleReportTest {

    @TempDir
    Path basedir;

    private final RecordingLog log = new RecordingLog();

    @Test
    void aFileWrittenJustBeforeTheBuildIsTheLastBuildsWithFineTimesAndOnlyWithinTwoSecondsWithWholeSeconds() {
        Instant start = Instant.parse("2026-11-30T09:23:33.500Z");
        // fine-grained file times (ext4, tmpfs): the previous build's file 1.9 s earlier is not this build's
        assertThat(ModuleReport.writtenBefore(Instant.parse("2026-11-30T09:23:31.597Z"), start)).isTrue();
        assertThat(ModuleReport.writtenBefore(Instant.parse("2026-11-30T09:23:33.450123Z"), start))
                .as("the kernel's file clock may lag a tick").isFalse();
        assertThat(ModuleReport.writtenBefore(Instant.parse("2026-11-30T09:23:35.1Z"), start)).isFalse();
        // whole-second file times (FAT, some network mounts): 2 s of slack
        assertThat(ModuleReport.writtenBefore(Instant.parse("2026-11-30T09:23:32Z"), start)).isFalse();
        assertThat(ModuleReport.writtenBefore(Instant.parse("2026-11-30T09:23:31Z"), start)).isTrue();
    }

    @Test
    void mergesTheForksPartialsWithTheXml() throws IOException {
        MavenProject project = project();
        writeXml("TEST-it.ATest.xml", "<testcase name=\"a\" classname=\"it.ATest\"/>"
                + "<testcase name=\"b\" classname=\"it.ATest\"><skipped message=\"off\"/></testcase>");
        writeXml("TEST-it.BTest.xml", "<testcase name=\"c\" classname=\"it.BTest\"/>");
        Path runDir = basedir.resolve("target/telemetry-run");
        Files.createDirectories(runDir);
        // two forks, as the JUnit adapter writes them: one saw a lifecycle exception, both measured heap
        Files.writeString(runDir.resolve("telemetry-partial-1-a.json"), partial(2, 1, 1000L, "junit-jupiter"));
        Files.writeString(runDir.resolve("telemetry-partial-2-b.json"), partial(1, 0, 3000L, "junit-jupiter"));
        Files.writeString(runDir.resolve("telemetry-partial-3-c.json"), "{ not json");

        ModuleReport module = new ModuleReport(null, project, Map.of("telemetry.enabled", "true",
                "telemetry.anonymize", "none"), "3.9.16", log)
                .partials(PartialResults.readAll(runDir, log));
        Report report = module.build(context(module));

        Metrics m = report.metrics();
        assertThat(m.tests()).isEqualTo(new Metrics.Tests(3, 2, 0, 0, 1, 0, 0, 0));
        assertThat(m.forks()).isEqualTo(2);
        assertThat(m.exceptions()).isEqualTo(1);
        assertThat(m.memory().peakHeapBytes()).isEqualTo(3000L);
        assertThat(report.environment().frameworks()).extracting(Environment.Framework::name)
                .containsExactly("junit-jupiter");
        assertThat(report.environment().buildTool()).isEqualTo(new Environment.BuildTool("maven", "3.9.16"));
        assertThat(report.project()).isEqualTo(new Project("org.acme", "shop", Anonymization.NONE));
        assertThat(log.lines).filteredOn(line -> !line.startsWith("DEBUG "))
                .singleElement().asString().contains("telemetry-partial-3-c.json");
    }

    @Test
    void aModuleWithoutTestResultsHasNoReport() {
        MavenProject project = project();
        ModuleReport module = new ModuleReport(null, project, Map.of("telemetry.enabled", "true"), "3.9.16", log);

        assertThat(module.build(context(module))).isNull();
    }

    @Test
    void staleResultsOfAnEarlierBuildAreLeftOut() throws IOException {
        MavenProject project = project();
        Path old = writeXml("TEST-it.OldTest.xml", "<testcase name=\"a\" classname=\"it.OldTest\"/>");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        writeXml("TEST-it.NewTest.xml", "<testcase name=\"a\" classname=\"it.NewTest\"/>");

        ModuleReport module = new ModuleReport(null, project, Map.of("telemetry.enabled", "true"), "3.9.16", log)
                .since(Instant.parse("2024-01-01T00:00:00Z"));

        assertThat(module.build(context(module)).metrics().tests().total()).isEqualTo(1);
    }

    @Test
    void frameworksComeFromTheDeclaredDependenciesWhenNoForkNamedThem() throws IOException {
        MavenProject project = project();
        Dependency testng = new Dependency();
        testng.setGroupId("org.testng");
        testng.setArtifactId("testng");
        testng.setVersion("7.12.0");
        project.getModel().addDependency(testng);
        writeXml("TEST-it.NgTest.xml", "<testcase name=\"a\" classname=\"it.NgTest\"/>");

        ModuleReport module = new ModuleReport(null, project, Map.of("telemetry.enabled", "true"), "3.9.16", log);

        assertThat(module.build(context(module)).environment().frameworks())
                .containsExactly(new Environment.Framework("testng", "7.12.0"));
    }

    @Test
    void executionsSharingAReportFolderAreToldApartByWhenEachFileWasWrittenAndAddUp() throws IOException {
        MavenProject project = project();
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        Path reports = basedir.resolve("target/surefire-reports");
        Path first = basedir.resolve("target/telemetry-run/surefire-default-test");
        Path second = basedir.resolve("target/telemetry-run/surefire-slow");
        // default-test: 2 tests; slow: 1 test and a JVM that died planning 5 tests of it.DeadTest, 2 of which
        // reached the XML (as if Surefire had written them)
        touch(writeXml("TEST-it.ATest.xml", "<testcase name=\"a\" classname=\"it.ATest\"/>"
                + "<testcase name=\"b\" classname=\"it.ATest\"/>"), t0.plusSeconds(5));
        touch(writeXml("TEST-it.BTest.xml", "<testcase name=\"a\" classname=\"it.BTest\"/>"), t0.plusSeconds(25));
        touch(writeXml("TEST-it.DeadTest.xml", "<testcase name=\"a\" classname=\"it.DeadTest\"/>"
                + "<testcase name=\"b\" classname=\"it.DeadTest\"/>"), t0.plusSeconds(26));
        Files.createDirectories(first);
        Files.writeString(first.resolve("telemetry-partial-1-a.json"), partial(2, 0, 1000L, "junit-jupiter"));
        Files.createDirectories(second);
        Files.writeString(second.resolve("telemetry-partial-2-b.json"), partial(1, 0, 3000L, "junit-jupiter"));
        PartialResults.writeStarted(second, "3-c", Map.of("it.DeadTest", 4L, "it.DeadTest$Inner", 1L));

        ModuleReport module = new ModuleReport(null, project, Map.of("telemetry.enabled", "true"), "3.9.16", log)
                .executions(List.of(
                        new ModuleReport.Execution("surefire-default-test", reports, first, t0, t0.plusSeconds(10), false),
                        new ModuleReport.Execution("surefire-slow", reports, second, t0.plusSeconds(20), t0.plusSeconds(30), true)))
                .durationMs(30_000);
        Metrics m = module.build(context(module)).metrics();

        assertThat(m.tests()).isEqualTo(new Metrics.Tests(8, 5, 0, 0, 0, 0, 3, 0));
        assertThat(m.forks()).as("two partials and the dead JVM").isEqualTo(3);
        assertThat(m.classes()).isEqualTo(3);
        assertThat(m.durationMs()).isEqualTo(30_000);
        assertThat(m.memory().peakHeapBytes()).isEqualTo(3000L);
    }

    @Test
    void theReportGoalsDurationIsTheWallTimeOfTheSuites() throws IOException {
        MavenProject project = project();
        touch(Files.writeString(Files.createDirectories(basedir.resolve("target/surefire-reports"))
                .resolve("TEST-it.A.xml"), "<testsuite time=\"2\"><testcase name=\"a\" classname=\"it.A\"/></testsuite>"),
                Instant.parse("2026-01-01T10:00:02Z"));
        touch(Files.writeString(basedir.resolve("target/surefire-reports/TEST-it.B.xml"),
                "<testsuite time=\"3\"><testcase name=\"a\" classname=\"it.B\"/></testsuite>"),
                Instant.parse("2026-01-01T10:00:04Z"));
        Path custom = Files.createDirectories(basedir.resolve("target/custom-reports"));
        touch(Files.writeString(custom.resolve("TEST-it.C.xml"),
                "<testsuite time=\"1\"><testcase name=\"a\" classname=\"it.C\"/></testsuite>"),
                Instant.parse("2026-01-01T10:00:05Z"));

        ModuleReport module = new ModuleReport(null, project, Map.of("telemetry.enabled", "true"), "3.9.16", log)
                .customReportDirs(() -> List.of(custom));
        Metrics m = module.build(context(module)).metrics();

        assertThat(m.tests().total()).as("a custom reportsDirectory counts too").isEqualTo(3);
        assertThat(m.durationMs()).as("10:00:00 to 10:00:05, not the 6 s of suite time").isEqualTo(5000);
    }

    private static Path touch(Path file, Instant modified) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(modified));
        return file;
    }

    private RunContext context(ModuleReport module) {
        ConfigInputs inputs = module.inputs();
        ConfigInputs withSalt = new ConfigInputs(inputs.systemProperties(), Map.of(), inputs.build(),
                inputs.buildLabel(), Map.of("telemetry.salt", "test"), "test");
        return module.context(Configuration.load(withSalt), withSalt);
    }

    private MavenProject project() {
        Model model = new Model();
        model.setGroupId("org.acme");
        model.setArtifactId("shop");
        model.setVersion("1.0");
        Build build = new Build();
        build.setDirectory(basedir.resolve("target").toString());
        build.setOutputDirectory(basedir.resolve("target/classes").toString());
        build.setTestOutputDirectory(basedir.resolve("target/test-classes").toString());
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(basedir.resolve("pom.xml").toFile());
        return project;
    }

    private Path writeXml(String name, String cases) throws IOException {
        Path dir = Files.createDirectories(basedir.resolve("target/surefire-reports"));
        return Files.writeString(dir.resolve(name), "<?xml version=\"1.0\"?><testsuite>" + cases + "</testsuite>");
    }

    private static String partial(long tests, long exceptions, long heap, String framework) {
        Metrics metrics = new Metrics(1, tests, new Metrics.Tests(tests, tests, 0, 0, 0, 0, 0, 0), null, exceptions, 0,
                null, 100, new Metrics.Memory(heap), 1);
        Environment environment = new Environment(new Environment.JavaRuntime("17", "x"),
                List.of(new Environment.Framework(framework, "6.1.3")),
                new Environment.TelemetryClient("0.1.0", "junit5"), new Environment.OperatingSystem("Linux", "6"),
                "amd64", null, null);
        return ReportJson.write(new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), Instant.now(),
                new Project("h1-x", "h1-y", Anonymization.ALL), environment, metrics));
    }
}
