package org.testtelemetry.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.core.testing.SurefireXml;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.core.run.PartialResults;

/**
 * Checks the real Maven builds that maven-invoker-plugin ran from src/it: the report of a real {@code mvn test}
 * equals Surefire's own TEST-*.xml totals, on JUnit 6 and on JUnit 5.14, and the published jar is the only
 * artifact it adds to a user's test classpath.
 */
class SampleProjectsIT {

    private static final Path PROJECTS = Path.of(System.getProperty("telemetry.it.projects", "target/it"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"junit6, telemetry.it.junit6", "junit5, telemetry.it.junit5"})
    void reportedCountsEqualSurefireXml(String line, String versionProperty) throws Exception {
        Path build = PROJECTS.resolve("sample-counts/target").resolve(line);
        // Surefire's JUnit Platform provider writes one test case per execution: its suite totals are the truth.
        SurefireXml xml = SurefireXml.read(build.resolve("surefire-reports"));
        List<Report> reports = PartialResults.readAll(build.resolve("telemetry-run"), RecordingLog.failingOnWarning());

        assertThat(reports).as("one partial result from the one test JVM").hasSize(1);
        Metrics.Tests tests = reports.get(0).metrics().tests();
        assertThat(tests.total()).as("total").isEqualTo(xml.attributeTests());
        assertThat(tests.failed()).as("failed = Surefire failures").isEqualTo(xml.attributeFailures());
        assertThat(tests.errored()).as("errored = Surefire errors").isEqualTo(xml.attributeErrors());
        assertThat(tests.skipped() + tests.aborted()).as("skipped + aborted").isEqualTo(xml.attributeSkipped());
        assertThat(tests.incomplete()).isZero();
        assertThat(xml.attributeTests()).as("the fixtures really ran").isGreaterThan(3000);

        String version = System.getProperty(versionProperty);
        assertThat(reports.get(0).environment().frameworks())
                .contains(new Framework("junit-jupiter", version))
                .extracting(Framework::name).contains("junit-platform", "junit-vintage");
    }

    @Test
    void theJarIsTheOnlyArtifactItAddsToAUsersTestClasspath() throws IOException {
        Path project = PROJECTS.resolve("shaded-classpath");
        List<String> tree = Files.readAllLines(project.resolve("target/dependency-tree.txt"));

        List<String> ours = tree.stream().filter(l -> l.contains("org.testtelemetry:")).toList();
        assertThat(ours).singleElement().asString().contains("org.testtelemetry:telemetry-junit5-extension:jar:");
        int at = tree.indexOf(ours.get(0));
        assertThat(at + 1 == tree.size() || depth(tree.get(at + 1)) <= depth(tree.get(at)))
                .as("nothing below our jar in:%n%s", String.join("\n", tree)).isTrue();
        assertThat(tree).noneMatch(l -> l.contains("tools.jackson") || l.contains("org.jacoco"))
                .anyMatch(l -> l.contains("com.fasterxml.jackson.core:jackson-databind:jar:"))
                .anyMatch(l -> l.contains("com.squareup.okhttp3:okhttp:jar:4."));

        // The user's tests passed with their own libraries, and our listener reported them.
        List<Report> reports = PartialResults.readAll(project.resolve("target/telemetry-run"),
                RecordingLog.failingOnWarning());
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).metrics().tests()).isEqualTo(new Metrics.Tests(3, 3, 0, 0, 0, 0, 0, 0));
    }

    private static int depth(String treeLine) {
        int i = 0;
        while (i < treeLine.length() && !Character.isLetterOrDigit(treeLine.charAt(i))) {
            i++;
        }
        return i;
    }
}
