package org.testtelemetry.core.surefire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.report.Metrics;

class SurefireReportsTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final TelemetryLog log = new TelemetryLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
            warnings.add(line);
        }
    };

    @Test
    void countsOutcomesAsDesignSays() throws Exception {
        SurefireReports.Totals totals = readResource("TEST-com.acme.CalculatorTest.xml");

        // 8 testcases = the suite's tests attribute; parameterized invocations are one test each, one method
        assertThat(totals.tests()).isEqualTo(new Metrics.Tests(8, 4, 1, 1, 1, 1, 0, 0));
        assertThat(totals.classes()).isEqualTo(1);
        assertThat(totals.methods()).isEqualTo(6);
        assertThat(totals.exceptions()).isEqualTo(1);
        assertThat(totals.errors()).isZero();
        assertThat(totals.timeMs()).isEqualTo(1250);
    }

    @Test
    void rerunsMakeFlakyOrStayFailed() throws Exception {
        SurefireReports.Totals totals = readResource("TEST-com.acme.RerunTest.xml");

        // flakyFailure/flakyError then passed: passed + flaky; failure + rerunFailure: failed once
        assertThat(totals.tests()).isEqualTo(new Metrics.Tests(5, 3, 1, 1, 0, 0, 0, 2));
        assertThat(totals.exceptions()).isEqualTo(1);
        assertThat(totals.errors()).as("OutOfMemoryError is a java.lang.Error").isEqualTo(1);
    }

    @Test
    void findsOnlyTopLevelReportsAndSkipsACorruptOneWithOneWarning() throws Exception {
        Path surefire = dir.resolve("surefire-reports");
        Path failsafe = dir.resolve("failsafe-reports");
        copy("TEST-com.acme.CalculatorTest.xml", surefire);
        copy("TEST-com.acme.Truncated.xml", surefire);
        copy("TEST-com.acme.RerunTest.xml", failsafe);
        // TestNG's own copy of its results; counting it would count every test twice
        copy("TEST-com.acme.RerunTest.xml", surefire.resolve("junitreports"));
        Files.writeString(surefire.resolve("com.acme.CalculatorTest.txt"), "not a report");

        List<Path> files = SurefireReports.find(List.of(surefire, failsafe, dir.resolve("missing")));
        SurefireReports.Totals totals = SurefireReports.read(files, log);

        assertThat(files).hasSize(3);
        assertThat(totals.files()).isEqualTo(2);
        assertThat(totals.unreadable()).isEqualTo(1);
        assertThat(totals.tests().total()).isEqualTo(13);
        assertThat(totals.tests().flaky()).isEqualTo(2);
        assertThat(totals.classes()).isEqualTo(2);
        assertThat(warnings).singleElement().asString()
                .startsWith("Test telemetry: ignoring TEST-com.acme.Truncated.xml, not a readable Surefire report")
                .doesNotContain("\n");
    }

    @Test
    void refusesEntitiesInsteadOfExpandingThem() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<testsuite><testcase name=\"&e;\" classname=\"A\"/></testsuite>";
        assertThatThrownBy(() -> SurefireReports.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(XMLStreamException.class);
    }

    @Test
    void emptyOrMissingFoldersCountNothing() {
        SurefireReports.Totals totals = SurefireReports.read(SurefireReports.find(List.of(dir)), log);

        assertThat(totals.tests()).isEqualTo(Metrics.Tests.ZERO);
        assertThat(totals.files()).isZero();
        assertThat(warnings).isEmpty();
    }

    @Test
    void foldsInvocationsIntoTheirMethod() {
        assertThat(SurefireReports.methodName("squares(int)[2]")).isEqualTo("squares(int)");
        assertThat(SurefireReports.methodName("test[0]")).isEqualTo("test");
        assertThat(SurefireReports.methodName("[1] weird")).isEqualTo("[1] weird");
        assertThat(SurefireReports.isAssumption("org.junit.AssumptionViolatedException", null)).isTrue();
        assertThat(SurefireReports.isAssumption(null, "Assumption failed: x")).as("Surefire 2 wrote only the message")
                .isTrue();
        assertThat(SurefireReports.isAssumption(null, "not today")).isFalse();
        assertThat(SurefireReports.isJavaError("java.lang.StackOverflowError")).isTrue();
        assertThat(SurefireReports.isJavaError("org.opentest4j.AssertionFailedError")).isFalse();
        assertThat(SurefireReports.isJavaError("java.lang.IllegalStateException")).isFalse();
    }

    @Test
    void toMetricsKeepsTheCountsAndLeavesAssertionsUnmeasured() throws Exception {
        Metrics metrics = readResource("TEST-com.acme.CalculatorTest.xml").toMetrics(null, 99, 1234L, 2);

        assertThat(metrics.tests().total()).isEqualTo(8);
        assertThat(metrics.assertions()).isNull();
        assertThat(metrics.durationMs()).isEqualTo(99);
        assertThat(metrics.memory().peakHeapBytes()).isEqualTo(1234L);
        assertThat(metrics.forks()).isEqualTo(2);
    }

    @Test
    void wallClockRunsFromTheFirstSuitesStartToTheLastSuitesEnd() throws IOException {
        // A ran 0:00-0:02 and B 0:01-0:04 side by side in two forks: 4 s of wall time, 5 s of suite time
        Path a = Files.writeString(dir.resolve("TEST-A.xml"), "<testsuite name=\"A\" time=\"2.0\"><testcase/></testsuite>");
        Path b = Files.writeString(dir.resolve("TEST-B.xml"), "<testsuite name=\"B\" time=\"3\"><testcase/></testsuite>");
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(1_000_002_000L));
        Files.setLastModifiedTime(b, java.nio.file.attribute.FileTime.fromMillis(1_000_004_000L));
        Path broken = Files.writeString(dir.resolve("TEST-C.xml"), "<testsuite name=");

        assertThat(SurefireReports.wallClockMs(List.of(a, b, broken))).isEqualTo(4000);
        assertThat(SurefireReports.read(List.of(a, b), log).timeMs()).isEqualTo(5000);
        assertThat(SurefireReports.wallClockMs(List.of())).isZero();
    }

    @Test
    void countsTestCasesPerTopLevelClass() throws IOException {
        Path a = Files.writeString(dir.resolve("TEST-a.A.xml"), "<testsuite name=\"a.A\">"
                + "<testcase classname=\"a.A\" name=\"x\"/><testcase classname=\"a.A$Inner\" name=\"y\"/></testsuite>");
        Path b = Files.writeString(dir.resolve("TEST-a.B.xml"), "<testsuite name=\"a.B\">"
                + "<testcase classname=\"a.B\" name=\"x\"><skipped/></testcase></testsuite>");
        Path broken = Files.writeString(dir.resolve("TEST-a.C.xml"), "<testsuite><testcase classname=");

        assertThat(SurefireReports.casesPerClass(List.of(a, b, broken))).isEqualTo(java.util.Map.of("a.A", 2L, "a.B", 1L));
    }

    @Test
    void aClassInTwoFilesCountsEachMethodOnceAndItsFingerprintsMatchThePartials() throws IOException {
        // the same class run by two executions, each writing its own report
        String suite = "<testsuite name=\"a.A\"><testcase classname=\"a.A\" name=\"x\"/>"
                + "<testcase classname=\"a.A\" name=\"p(int)[1]\"/><testcase classname=\"a.A\" name=\"p(int)[2]\"/>"
                + "</testsuite>";
        Path first = Files.writeString(Files.createDirectories(dir.resolve("one")).resolve("TEST-a.A.xml"), suite);
        Path second = Files.writeString(Files.createDirectories(dir.resolve("two")).resolve("TEST-a.A.xml"), suite
                .replace("</testsuite>", "<testcase classname=\"a.A\" name=\"y\"/></testsuite>"));

        SurefireReports.Totals totals = SurefireReports.read(List.of(first, second), log);

        assertThat(totals.tests().total()).isEqualTo(7);
        assertThat(totals.classes()).isEqualTo(1);
        assertThat(totals.methods()).as("x, p(int) and y").isEqualTo(3);
        var fp = org.testtelemetry.core.run.PartialResults.fingerprints(dir);
        var seen = SurefireReports.seen(List.of(first, second), fp);
        assertThat(seen.classes()).containsExactly(fp.of("a.A"));
        assertThat(seen.methods()).containsExactlyInAnyOrder(fp.of("a.A") + fp.of("a.A#x"),
                fp.of("a.A") + fp.of("a.A#p(int)"), fp.of("a.A") + fp.of("a.A#y"));
    }

    private SurefireReports.Totals readResource(String name) throws XMLStreamException, IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return SurefireReports.read(in);
        }
    }

    private void copy(String name, Path folder) throws IOException {
        Files.createDirectories(folder);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, folder.resolve(name));
        }
    }
}
