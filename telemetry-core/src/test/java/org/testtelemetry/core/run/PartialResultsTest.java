package org.testtelemetry.core.run;

import org.testtelemetry.core.RecordingLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.SystemProperties;
import org.testtelemetry.core.env.EnvironmentDetector;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;

class PartialResultsTest {

    @TempDir
    Path temp;

    private static Report report(long passed) {
        Metrics metrics = new Metrics(1, 1, new Metrics.Tests(passed, passed, 0, 0, 0, 0, 0, 0), null, 0, 0, null,
                12, new Metrics.Memory(1024L), 1);
        return ReportBuilder.create(
                        EnvironmentDetector.detect(SystemProperties.snapshot(), System.getenv(), "junit5", null),
                        new Project("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210",
                                Anonymization.ALL))
                .metrics(metrics)
                .build();
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOneFilePerSessionAndReadsThemBack() throws IOException {
        Path runDir = temp.resolve("a/b/run");
        Report first = report(3);
        Report second = report(5);

        PartialResults.write(runDir, first);
        PartialResults.write(runDir, second);

        assertThat(names(runDir)).hasSize(2).allMatch(n -> n.startsWith(
                PartialResults.PREFIX + ProcessHandle.current().pid() + "-") && n.endsWith(".json"));
        RecordingLog log = new RecordingLog();
        assertThat(PartialResults.readAll(runDir, log)).containsExactlyInAnyOrder(first, second);
        assertThat(log.lines).isEmpty();
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        PartialResults.write(temp, report(1));

        assertThat(names(temp)).singleElement().asString().startsWith(PartialResults.PREFIX);
    }

    @Test
    void aCorruptFileIsOneWarningAndTheOthersStillCount() throws IOException {
        Report good = report(2);
        PartialResults.write(temp, good);
        Files.writeString(temp.resolve(PartialResults.PREFIX + "1-broken.json"), "{\"schemaVersion\": 1, \"id\":");
        Files.writeString(temp.resolve("unrelated.json"), "not ours");

        RecordingLog log = new RecordingLog();
        assertThat(PartialResults.readAll(temp, log)).containsExactly(good);
        assertThat(log.lines).singleElement().asString()
                .startsWith("WARN Test telemetry: ignoring ").contains("1-broken.json");
    }

    @Test
    void aMissingFolderHasNoResults() {
        RecordingLog log = new RecordingLog();

        assertThat(PartialResults.readAll(temp.resolve("nothing"), log)).isEmpty();
        assertThat(PartialResults.readAll(null, log)).isEmpty();
        assertThat(log.lines).isEmpty();
    }

    @Test
    void aRunDirThatIsAFileFailsToWrite() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> PartialResults.write(file, report(1))).isInstanceOf(IOException.class);
    }
}
