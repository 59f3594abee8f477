package org.testtelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.testing.ChildJvm;

/** {@code -Dtelemetry.ownCost=<file>} in a child JVM: one line per JVM, appended at exit; a bad path is one line. */
class OwnCostTest {

    @TempDir
    Path dir;

    @Test
    void eachJvmAppendsOneLineOfSectionsTheirTotalThePairsAndTheClocksCost() throws Exception {
        Path file = dir.resolve("own.txt");
        assertThat(run("-Dtelemetry.ownCost=" + file)).contains("measuring=true");
        assertThat(run("-Dtelemetry.ownCost=" + file)).contains("measuring=true");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            long[] us = Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray();
            assertThat(us).hasSize(7);
            assertThat(us[5]).as("pairs measured: %s", line).isEqualTo(2);
            assertThat(us[6]).as("a pair of clock reads, ns: %s", line).isBetween(1L, 1_000_000L);
            assertThat(us[OwnCost.AGENT]).isZero();
            assertThat(us[OwnCost.TESTS]).isZero();
            assertThat(us[OwnCost.START]).as("50 ms spun: %s", line).isGreaterThan(us[OwnCost.END]).isGreaterThan(0);
            assertThat(us[OwnCost.END]).isGreaterThan(0);
            // the total is summed in nanoseconds, the sections are each rounded down
            assertThat(us[4] - (us[0] + us[1] + us[2] + us[3])).isBetween(0L, 4L);
        }
    }

    @Test
    void withoutThePropertyNothingIsMeasuredOrWritten() throws Exception {
        assertThat(run()).contains("measuring=false");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnwritableFileIsOneLineAndTheJvmStillExitsNormally() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        String output = run("-Dtelemetry.ownCost=" + folder);
        assertThat(output).contains("measuring=true").contains("Test telemetry: own cost not written");
        assertThat(output.lines().filter(l -> l.startsWith("Test telemetry:")).count()).isEqualTo(1);
        assertThat(output).doesNotContain("\tat ");
    }

    private static String run(String... options) throws Exception {
        return ChildJvm.run("sample.owncost.OwnCostMain", options);
    }
}
