package org.testtelemetry.core.coverage;

import org.testtelemetry.core.testing.RecordingLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Metrics;

/**
 * CoverageReader on real JaCoCo runs (the real agent in a forked JVM) of small compiled programs, compared with the
 * totals of JaCoCo's own report code for the same inputs, and its fault handling.
 */
class CoverageReaderTest {

    static final String MAIN = """
            package sample;

            public class Main {
                public static void main(String[] args) {
                    Calc calc = new Calc();
                    calc.sign(args.length > 0 ? -4 : 5);
                    Runnable quiet = () -> calc.sign(0);
                    if (args.length > 1) {
                        quiet.run();
                    }
                    new Calc.Nested().hello(args.length == 0);
                }
            }
            """;
    /** Shared by both builds of Calc.java; it sits on other lines in the rebuilt one, so it changes too. */
    static final String NESTED = """
                static class Nested {
                    String hello(boolean loud) {
                        return loud ? "HI" : "hi";
                    }
                }
            }
            """;
    static final String CALC = """
            package sample;

            public class Calc {
                int sign(int x) {
                    if (x > 0) {
                        return 1;
                    } else if (x < 0) {
                        return -1;
                    }
                    return 0;
                }

            """ + NESTED;
    static final String CALC_REBUILT = """
            package sample;

            public class Calc {
                int sign(int x) {
                    return Integer.signum(x);
                }

            """ + NESTED;
    static final String NEVER_USED = """
            package sample.idle;

            public class NeverUsed {
                int pick(int a) {
                    return a > 1 ? 2 : 3;
                }
            }
            """;

    @TempDir
    static Path work;
    static Path classes;
    static Path exec;
    static Path execNegative;

    @BeforeAll
    static void runSampleUnderAgent() throws Exception {
        classes = SampleBuild.compile(work, work.resolve("classes"),
                Map.of("sample/Main.java", MAIN, "sample/Calc.java", CALC, "sample/idle/NeverUsed.java", NEVER_USED));
        exec = work.resolve("positive.exec");
        execNegative = work.resolve("negative.exec");
        AgentRun.run(exec, List.of(classes), "sample.Main");
        AgentRun.run(execNegative, List.of(classes), "sample.Main", "negative", "quiet");
    }

    @Test
    void equalsJacocoReportTotalsForOneRun() throws IOException {
        RecordingLog log = new RecordingLog();
        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec), List.of(classes), log);

        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(classes)));
        assertThat(ours.instruction().covered()).isPositive();
        assertThat(ours.instruction().missed()).as("NeverUsed and untaken branches").isPositive();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void mergesSeveralExecFilesByProbe() throws IOException {
        Metrics.Coverage merged = CoverageReader.fromExecFiles(List.of(exec, execNegative), List.of(classes),
                new RecordingLog());
        Metrics.Coverage first = CoverageReader.fromExecFiles(List.of(exec), List.of(classes), new RecordingLog());
        Metrics.Coverage second = CoverageReader.fromExecFiles(List.of(execNegative), List.of(classes),
                new RecordingLog());

        assertThat(merged).isEqualTo(JacocoReference.totals(List.of(exec, execNegative), List.of(classes)));
        assertThat(merged.branch().covered()).isGreaterThan(first.branch().covered())
                .isGreaterThan(second.branch().covered());
        assertThat(merged.instruction().covered()).as("probes both runs hit count once")
                .isLessThan(first.instruction().covered() + second.instruction().covered());
    }

    @Test
    void sameTotalsOnOneThreadAndOnMany() throws IOException {
        ExecutionDataStore store = load(exec, execNegative);
        Metrics.Coverage single = CoverageReader.analyze(store, List.of(classes), new RecordingLog(), 1);
        Metrics.Coverage parallel = CoverageReader.analyze(store, List.of(classes), new RecordingLog(), 4);

        assertThat(parallel).isEqualTo(single);
    }

    @Test
    void noExecFileMeansNoCoverageSilently() {
        RecordingLog log = new RecordingLog();

        assertThat(CoverageReader.fromExecFiles(List.of(), List.of(classes), log)).isNull();
        assertThat(CoverageReader.fromExecFiles(List.of(work.resolve("missing.exec")), List.of(classes), log)).isNull();
        assertThat(log.warnings()).isEmpty();
        assertThat(log.infos()).isEmpty();
    }

    @Test
    void emptyExecFileIsOneWarningAndNoCoverage() throws IOException {
        Path empty = Files.createFile(work.resolve("empty.exec"));
        RecordingLog log = new RecordingLog();

        assertThat(CoverageReader.fromExecFiles(List.of(exec, empty), List.of(classes), log)).isNull();
        assertThat(log.warnings()).singleElement().asString().contains("empty.exec").contains("empty");
    }

    @Test
    void truncatedExecFileIsOneWarningAndNoCoverage() throws IOException {
        byte[] full = Files.readAllBytes(exec);
        Path truncated = Files.write(work.resolve("truncated.exec"), Arrays.copyOf(full, full.length - 3));
        RecordingLog log = new RecordingLog();

        assertThat(CoverageReader.fromExecFiles(List.of(truncated), List.of(classes), log)).isNull();
        assertThat(log.warnings()).singleElement().asString().contains("truncated.exec").contains("truncated");
    }

    @Test
    void corruptExecFileIsOneWarningAndNoCoverage() throws IOException {
        Path text = Files.writeString(work.resolve("text.exec"), "this is not JaCoCo data\n");
        byte[] full = Files.readAllBytes(exec);
        byte[] garbageAfterHeader = Arrays.copyOf(full, 40);
        Arrays.fill(garbageAfterHeader, 11, 40, (byte) 0x7f);
        Path garbage = Files.write(work.resolve("garbage.exec"), garbageAfterHeader);

        for (Path corrupt : List.of(text, garbage)) {
            RecordingLog log = new RecordingLog();
            assertThat(CoverageReader.fromExecFiles(List.of(corrupt), List.of(classes), log)).isNull();
            assertThat(log.warnings()).singleElement().asString().contains(corrupt.getFileName().toString());
        }
    }

    @Test
    void classesRebuiltAfterTheRunAreOneWarningAndCountAsJacocoCountsThem() throws IOException {
        Path rebuilt = copyTree(classes, work.resolve("rebuilt"));
        SampleBuild.compile(work, rebuilt, Map.of("sample/Calc.java", CALC_REBUILT));
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec), List.of(rebuilt), log);

        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(rebuilt)));
        // Calc.java moved its nested class to other lines, so both Calc and Calc$Nested changed.
        assertThat(log.warnings()).singleElement().asString().contains("2 class(es) do not match");
        assertThat(ours.instruction().covered()).as("Main still matches")
                .isPositive();
    }

    @Test
    void identicalDuplicatesCountOnceLikeJacoco() throws IOException {
        Path jar = jar(work.resolve("same.jar"), classes, null);
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec), List.of(classes, jar), log);

        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(classes, jar)))
                .isEqualTo(JacocoReference.totals(List.of(exec), List.of(classes)));
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void differentClassesWithOneNameCountTheExecutedCopyWhereJacocoFails() throws IOException {
        Path rebuilt = copyTree(classes, work.resolve("other-build"));
        SampleBuild.compile(work, rebuilt, Map.of("sample/Calc.java", CALC_REBUILT));
        Path otherJar = jar(work.resolve("other.jar"), rebuilt, null);
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec), List.of(otherJar, classes), log);

        assertThatThrownBy(() -> JacocoReference.totals(List.of(exec), List.of(otherJar, classes)))
                .isInstanceOf(IOException.class);
        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(classes)));
        assertThat(log.warnings()).singleElement().asString().contains("2 class name(s) found twice")
                .contains("sample.Calc");
    }

    @Test
    void multiReleaseJarCountsTheVariantTheJvmRan() throws Exception {
        Path rebuilt = SampleBuild.compile(work, work.resolve("versioned"), Map.of("sample/Calc.java", CALC_REBUILT));
        Path jar = jar(work.resolve("multi-release.jar"), classes, rebuilt);
        Path mrExec = work.resolve("multi-release.exec");
        AgentRun.run(mrExec, List.of(jar), "sample.Main");
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(mrExec), List.of(jar), log);

        assertThatThrownBy(() -> JacocoReference.totals(List.of(mrExec), List.of(jar))).isInstanceOf(IOException.class);
        Path asRun = copyTree(classes, work.resolve("as-run"));
        for (String variant : List.of("sample/Calc.class", "sample/Calc$Nested.class")) {
            Files.copy(rebuilt.resolve(variant), asRun.resolve(variant), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(mrExec), List.of(asRun)));
        assertThat(log.warnings()).as("multi-release variants are normal, rebuilt classes are not").isEmpty();
    }

    @Test
    void moduleInfoAndNonClassFilesAreIgnoredLikeJacoco() throws IOException {
        Path mixed = copyTree(classes, work.resolve("mixed"));
        SampleBuild.compile(work, work.resolve("module"), Map.of("module-info.java", "module sample { }",
                "sample/Calc.java", CALC));
        Files.copy(work.resolve("module/module-info.class"), mixed.resolve("module-info.class"));
        Files.writeString(mixed.resolve("sample/notes.txt"), "resource");
        Files.writeString(mixed.resolve("sample/NotAClass.class"), "text that only looks like a class by its name");
        Files.createFile(mixed.resolve("sample/Empty.class"));
        Files.write(mixed.resolve("broken.jar"), "PK but no zip".getBytes(StandardCharsets.US_ASCII));
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec), List.of(mixed), log);

        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(mixed)))
                .isEqualTo(JacocoReference.totals(List.of(exec), List.of(classes)));
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void damagedClassFileIsSkippedWithOneWarning() throws IOException {
        Path damaged = copyTree(classes, work.resolve("damaged"));
        byte[] calc = Files.readAllBytes(damaged.resolve("sample/Calc.class"));
        Files.write(damaged.resolve("sample/Calc.class"), Arrays.copyOf(calc, calc.length / 2));
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec), List.of(damaged), log);

        assertThatThrownBy(() -> JacocoReference.totals(List.of(exec), List.of(damaged))).isInstanceOf(IOException.class);
        Files.delete(damaged.resolve("sample/Calc.class"));
        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(damaged)));
        assertThat(log.warnings()).singleElement().asString().contains("1 class file(s)").contains("Calc.class");
    }

    @Test
    void noClassFolderOrJarMeansNoCoverageSilentlyLikeJacocoReportSkipping() {
        RecordingLog log = new RecordingLog();

        assertThat(CoverageReader.fromExecFiles(List.of(exec), List.of(work.resolve("no-such-dir")), log)).isNull();
        assertThat(CoverageReader.fromExecFiles(List.of(exec), List.of(), log)).isNull();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void missingEntriesBesideExistingOnesAreSkipped() throws IOException {
        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(exec),
                List.of(work.resolve("no-such-dir"), classes, work.resolve("no-such.jar")), new RecordingLog());

        assertThat(ours).isEqualTo(JacocoReference.totals(List.of(exec), List.of(classes)));
    }

    @Test
    void runningAgentGivesTheSameTotalsAsItsExecFile() throws Exception {
        Path probeExec = work.resolve("probe.exec");
        List<Path> classPath = new ArrayList<>(AgentRun.testClassPath());
        classPath.add(classes);

        String output = AgentRun.run(probeExec, classPath, AgentProbe.class.getName(), "sample.Main",
                classes.toString());

        Metrics.Coverage fromFile = CoverageReader.fromExecFiles(List.of(probeExec), List.of(classes),
                new RecordingLog());
        assertThat(fromFile).isEqualTo(JacocoReference.totals(List.of(probeExec), List.of(classes)));
        assertThat(output).contains("coverage: " + AgentProbe.format(fromFile));
    }

    @Test
    void noRunningAgentMeansNoCoverageSilently() {
        RecordingLog log = new RecordingLog();

        assertThat(CoverageReader.fromRunningAgent(List.of(classes), log)).isNull();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void coverageCommandPrintsTheTotals() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Metrics.Coverage expected = JacocoReference.totals(List.of(exec, execNegative), List.of(classes));

        int status = org.testtelemetry.core.cli.Main.run(new String[] {"coverage", "--exec", exec + "," + execNegative,
            "--classes", classes.toString(), "--stats"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true), Map.of(), Map.of());

        assertThat(status).isZero();
        assertThat(out.toString()).contains("line covered=" + expected.line().covered() + " missed="
                + expected.line().missed()).contains("complexity covered=" + expected.complexity().covered()
                + " missed=" + expected.complexity().missed());
        assertThat(err.toString()).contains("analysis_ms=").contains("peak_heap_mb=");
        assertThat(CoverageCommand.run(new String[] {"--exec"}, System.out, new java.io.PrintStream(err, true)))
                .isEqualTo(2);
    }

    private static ExecutionDataStore load(Path... files) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        for (Path file : files) {
            loader.load(file.toFile());
        }
        return loader.getExecutionDataStore();
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    /** A jar of {@code base}'s classes; with {@code versioned}, a multi-release jar whose Java 11 variants those are. */
    private static Path jar(Path jar, Path base, Path versioned) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (versioned != null) {
            manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            if (versioned != null) {
                addTree(zip, versioned, "META-INF/versions/11/");
            }
            addTree(zip, base, "");
        }
        return jar;
    }

    private static void addTree(JarOutputStream zip, Path root, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(prefix + root.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
    }
}
