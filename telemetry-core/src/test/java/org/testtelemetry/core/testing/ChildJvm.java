package org.testtelemetry.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main class of the test class path run in a fresh JVM, as a test JVM starts: for agents and JVM-exit hooks. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with the JVM {@code options} (agents, system properties) and returns what it printed,
     * standard output and error together. The JVM must exit 0 within a minute.
     */
    public static String run(String mainClass, String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
