package org.testtelemetry.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM under the real JaCoCo agent ({@code -javaagent:jacocoagent.jar}), which writes its
 * exec file when that JVM exits. Only {@code sample.*} classes are instrumented unless told otherwise.
 */
final class AgentRun {

    private AgentRun() {
    }

    /** The JaCoCo agent runtime jar that the build copied into target/ (see telemetry-core/pom.xml). */
    static Path agentJar() {
        String path = System.getProperty("telemetry.test.jacocoAgent");
        assertThat(path).as("system property telemetry.test.jacocoAgent (set by the build)").isNotNull();
        Path jar = Path.of(path);
        assertThat(jar).exists();
        return jar;
    }

    /**
     * Runs {@code mainClass} with the agent writing {@code execFile}; returns its standard output.
     *
     * @param classPath entries of the new JVM's class path
     */
    static String run(Path execFile, List<Path> classPath, String mainClass, String... args)
            throws IOException, InterruptedException {
        return run("sample.*", execFile, classPath, mainClass, args);
    }

    /** Same, instrumenting the classes that {@code includes} names (JaCoCo agent syntax, e.g. {@code kotlin.*}). */
    static String run(String includes, Path execFile, List<Path> classPath, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + agentJar() + "=destfile=" + execFile + ",includes=" + includes);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(List.of(args));
        Path output = Files.createTempFile("agent-run", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        boolean done = process.waitFor(2, TimeUnit.MINUTES);
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        assertThat(done).as("JVM under the agent finished in time: %s", text).isTrue();
        assertThat(process.exitValue()).as("exit status of %s: %s", command, text).isZero();
        return text;
    }

    /** This JVM's own class path: telemetry-core's classes and JaCoCo core, for programs that call CoverageReader. */
    static List<Path> testClassPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream().map(Path::of).toList();
    }
}
