package org.testtelemetry.core.surefire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Metrics.Counter;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.SampleReports;

class SurefireMergeTest {

    private static final Metrics.Coverage COVERAGE = new Metrics.Coverage(new Counter(1, 2), new Counter(3, 4),
            new Counter(5, 6), new Counter(7, 8), new Counter(9, 10));

    // 10 tests: 6 passed (1 flaky), 1 failed, 1 errored, 2 skipped
    private static final SurefireReports.Totals XML = new SurefireReports.Totals(
            new Metrics.Tests(10, 6, 1, 1, 2, 0, 0, 1), 3, 7, 1, 0, 4000, 3, 0);

    @Test
    void xmlAloneIsTheReport() {
        Metrics m = SurefireMerge.metrics(XML, List.of(), COVERAGE, 0, 0, 0);

        assertThat(m.tests()).isEqualTo(XML.tests());
        assertThat(m.classes()).isEqualTo(3);
        assertThat(m.methods()).isEqualTo(7);
        assertThat(m.exceptions()).isEqualTo(1);
        assertThat(m.assertions()).isNull();
        assertThat(m.coverage()).isEqualTo(COVERAGE);
        assertThat(m.durationMs()).as("sum of suite times when nothing measured the wall clock").isEqualTo(4000);
        assertThat(m.memory().peakHeapBytes()).isNull();
        assertThat(m.forks()).isEqualTo(1);
    }

    @Test
    void xmlWinsTotalsWhileForksAddWhatOnlyTheyKnow() {
        // two forks that together saw 9 finished tests, one of the skips an assumption, plus a lifecycle exception
        Report fork1 = partial(new Metrics.Tests(5, 4, 1, 0, 0, 0, 0, 0), 2, 100, 64L, "2026-11-25T10:00:10Z", 5000);
        Report fork2 = partial(new Metrics.Tests(4, 1, 0, 1, 1, 1, 0, 0), 1, 50, 128L, "2026-11-25T10:00:12Z", 3000);

        Metrics m = SurefireMerge.metrics(XML, List.of(fork1, fork2), null, 0, 0, 0);

        assertThat(m.tests()).isEqualTo(new Metrics.Tests(10, 6, 1, 1, 1, 1, 0, 1, 0L));
        assertThat(m.exceptions()).isEqualTo(3);
        assertThat(m.assertions()).isEqualTo(new Metrics.Assertions(150, 150, 0));
        assertThat(m.memory().peakHeapBytes()).isEqualTo(128L);
        assertThat(m.forks()).isEqualTo(2);
        assertThat(m.durationMs()).as("from the first fork's start to the last one's end").isEqualTo(7000);
        assertThat(m.classes()).isEqualTo(3);
    }

    @Test
    void assertionsAndVoidTestsOfEveryForkAreAddedUpOrUnknownWhenOneForkDidNotCountThem() {
        Report fork1 = withAssertions(partial(new Metrics.Tests(5, 4, 1, 0, 0, 0, 0, 0), 0, 0, 64L,
                "2026-11-25T10:00:10Z", 5000), Metrics.Assertions.of(12, 1), 2L);
        Report fork2 = withAssertions(partial(new Metrics.Tests(4, 1, 0, 1, 1, 1, 0, 0), 0, 0, 64L,
                "2026-11-25T10:00:12Z", 3000), Metrics.Assertions.of(7, 0), 1L);
        Report noAgent = partial(new Metrics.Tests(1, 1, 0, 0, 0, 0, 0, 0), 0, 0, 64L, "2026-11-25T10:00:12Z", 30);

        Metrics withXml = SurefireMerge.metrics(XML, List.of(fork1, fork2), null, 0, 0, 0);
        Metrics alone = SurefireMerge.metrics(SurefireReports.Totals.NONE, List.of(fork1, fork2), null, 0, 0, 0);
        Metrics mixed = SurefireMerge.metrics(XML, List.of(fork1, noAgent, fork2), null, 0, 0, 0);

        for (Metrics m : List.of(withXml, alone)) {
            assertThat(m.assertions()).isEqualTo(new Metrics.Assertions(19, 18, 1));
            assertThat(m.tests().voidTests()).isEqualTo(3);
        }
        assertThat(mixed.assertions()).isNull();
        assertThat(mixed.tests().voidTests()).isNull();
        assertThat(SurefireMerge.metrics(XML, List.of(), null, 0, 0, 0).tests().voidTests()).isNull();
    }

    @Test
    void testsThatNeverFinishedAreIncompleteAndAddToTheTotal() {
        Report survivor = partial(new Metrics.Tests(10, 6, 1, 1, 2, 0, 0, 1), 0, 0, null, "2026-11-25T10:00:10Z", 1000);

        Metrics crashed = SurefireMerge.metrics(XML, List.of(survivor), null, 2500, 2, 1);

        assertThat(crashed.tests().incomplete()).isEqualTo(2);
        assertThat(crashed.tests().total()).isEqualTo(12);
        assertThat(crashed.forks()).isEqualTo(2);
        assertThat(crashed.durationMs()).isEqualTo(2500);

        // a fork that wrote its partial with one test still running, and a dead fork's unfinished test: both count
        Report unfinished = partial(new Metrics.Tests(1, 0, 0, 0, 0, 0, 1, 0), 0, 0, null, "2026-11-25T10:00:11Z", 10);
        Metrics both = SurefireMerge.metrics(XML, List.of(survivor, unfinished), null, 0, 1, 1);
        assertThat(both.tests().incomplete()).isEqualTo(2);
        assertThat(both.tests().total()).isEqualTo(12);
    }

    @Test
    void partialsAloneAreAddedUpAndOverlappingCoverageIsNotAdded() {
        Report a = partial(new Metrics.Tests(3, 3, 0, 0, 0, 0, 0, 0), 0, 0, 10L, "2026-11-25T10:00:10Z", 100);
        Report b = partial(new Metrics.Tests(2, 1, 1, 0, 0, 0, 0, 0), 0, 0, 20L, "2026-11-25T10:00:10Z", 100);
        a = withCoverage(a);
        b = withCoverage(b);

        Metrics m = SurefireMerge.metrics(SurefireReports.Totals.NONE, List.of(a, b), null, 0, 0, 0);

        assertThat(m.tests()).isEqualTo(new Metrics.Tests(5, 4, 1, 0, 0, 0, 0, 0));
        assertThat(m.classes()).isEqualTo(2);
        assertThat(m.coverage()).isNull();
        assertThat(SurefireMerge.metrics(SurefireReports.Totals.NONE, List.of(a), null, 0, 0, 0).coverage())
                .isEqualTo(COVERAGE);
    }

    @Test
    void executionsAddUpWithoutDoublingWhatEachKnows() {
        // default-test and a second execution, each with one aborted test its own fork told apart from a skip
        Report fast = partial(new Metrics.Tests(4, 2, 1, 0, 0, 1, 0, 1), 0, 10, 64L, "2026-11-25T10:00:10Z", 1000);
        Report slow = partial(new Metrics.Tests(3, 2, 0, 0, 0, 1, 0, 0), 0, 5, 128L, "2026-11-25T10:00:20Z", 1000);
        Metrics first = SurefireMerge.metrics(new SurefireReports.Totals(new Metrics.Tests(4, 2, 1, 0, 1, 0, 0, 1),
                1, 4, 0, 0, 900, 1, 0), List.of(fast), null, 0, 0, 0);
        Metrics second = SurefireMerge.metrics(new SurefireReports.Totals(new Metrics.Tests(3, 2, 0, 0, 1, 0, 0, 0),
                1, 3, 0, 0, 800, 1, 0), List.of(slow), null, 0, 0, 0);

        Metrics m = SurefireMerge.sum(List.of(first, second), 2, 7, COVERAGE, 5000);

        assertThat(m.tests()).isEqualTo(new Metrics.Tests(7, 4, 1, 0, 0, 2, 0, 1, 0L));
        assertThat(m.assertions()).isEqualTo(new Metrics.Assertions(15, 15, 0));
        assertThat(m.memory().peakHeapBytes()).isEqualTo(128L);
        assertThat(m.forks()).isEqualTo(2);
        assertThat(m.coverage()).isEqualTo(COVERAGE);
        assertThat(m.durationMs()).isEqualTo(5000);
        assertThat(SurefireMerge.sum(List.of(first, second), 2, 7, null, 0).durationMs())
                .as("the executions' own durations when the module's wall clock is unknown").isEqualTo(2000);
    }

    @Test
    void frameworksAreUnitedInOrder() {
        Report a = withFrameworks(partial(Metrics.Tests.ZERO, 0, 0, null, "2026-11-25T10:00:10Z", 1),
                new Environment.Framework("junit-jupiter", "6.1.3"));
        Report b = withFrameworks(partial(Metrics.Tests.ZERO, 0, 0, null, "2026-11-25T10:00:10Z", 1),
                new Environment.Framework("junit-jupiter", "6.1.3"), new Environment.Framework("testng", "7.12.0"));

        assertThat(SurefireMerge.frameworks(List.of(a, b))).extracting(Environment.Framework::name)
                .containsExactly("junit-jupiter", "testng");
    }

    private static Report partial(Metrics.Tests tests, long exceptions, long assertions, Long heap, String end,
                                  long durationMs) {
        Metrics metrics = new Metrics(1, tests.total(), assertions == 0 ? tests : tests.withVoid(0L),
                assertions == 0 ? null : new Metrics.Assertions(assertions, assertions, 0), exceptions, 0, null,
                durationMs, new Metrics.Memory(heap), 1);
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), Instant.parse(end),
                new Project("org.acme", "shop", Anonymization.NONE), SampleReports.environment(null, null, List.of()),
                metrics);
    }

    private static Report withAssertions(Report r, Metrics.Assertions assertions, Long voidTests) {
        Metrics m = r.metrics();
        return new Report(r.schemaVersion(), r.id(), r.createdAt(), r.project(), r.environment(),
                new Metrics(m.classes(), m.methods(), m.tests().withVoid(voidTests), assertions, m.exceptions(),
                        m.errors(), m.coverage(), m.durationMs(), m.memory(), m.forks()));
    }

    private static Report withCoverage(Report r) {
        Metrics m = r.metrics();
        return new Report(r.schemaVersion(), r.id(), r.createdAt(), r.project(), r.environment(),
                new Metrics(m.classes(), m.methods(), m.tests(), m.assertions(), m.exceptions(), m.errors(), COVERAGE,
                        m.durationMs(), m.memory(), m.forks()));
    }

    private static Report withFrameworks(Report r, Environment.Framework... frameworks) {
        return new Report(r.schemaVersion(), r.id(), r.createdAt(), r.project(),
                r.environment().withFrameworks(List.of(frameworks)), r.metrics());
    }

    @Test
    void distinctClassesAndMethodsTakeTheXmlsMethodsForItsClassesAndAddTheClassesOnlyPartialsSaw() {
        // class fingerprints a, b (XML), b, c (partials); methods are class fingerprint + method fingerprint
        var xml = new org.testtelemetry.core.run.PartialResults.Seen(java.util.Set.of("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"),
                java.util.Set.of("aaaaaaaaaaaaaaaa0000000000000001", "bbbbbbbbbbbbbbbb0000000000000002"));
        var partials = new org.testtelemetry.core.run.PartialResults.Seen(java.util.Set.of("bbbbbbbbbbbbbbbb", "cccccccccccccccc"),
                java.util.Set.of("bbbbbbbbbbbbbbbb000000000000000b", "cccccccccccccccc0000000000000003",
                        "cccccccccccccccc0000000000000004"));

        // b's methods are named differently by the adapter: the XML's count for it, c's come from the partials
        assertThat(SurefireMerge.distinct(xml, partials)).containsExactly(3, 4);
        assertThat(SurefireMerge.distinct(xml, org.testtelemetry.core.run.PartialResults.Seen.NONE)).containsExactly(2, 2);
        assertThat(SurefireMerge.distinct(org.testtelemetry.core.run.PartialResults.Seen.NONE, partials))
                .containsExactly(2, 3);
    }
}
