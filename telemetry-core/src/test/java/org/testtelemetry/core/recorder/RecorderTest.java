package org.testtelemetry.core.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.assertions.AssertionCounter;
import org.testtelemetry.report.Metrics;

class RecorderTest {

    @Test
    void countsEachOutcomeAndDistinctClassesAndMethods() {
        Recorder r = new Recorder();
        r.testStarted();
        r.testFinished("A", "A#one", Outcome.PASSED, null);
        r.testStarted();
        r.testFinished("A", "A#one", Outcome.PASSED, null); // a second invocation of the same method
        r.testStarted();
        r.testFinished("A", "A#two", Outcome.ofThrowable(new AssertionError("x")), new AssertionError("x"));
        r.testStarted();
        IllegalStateException ise = new IllegalStateException("boom");
        r.testFinished("B", "B#one", Outcome.ofThrowable(ise), ise);
        r.testStarted();
        StackOverflowError soe = new StackOverflowError();
        r.testFinished("B", "B#two", Outcome.ofThrowable(soe), soe);
        r.testSkipped("C", "C#disabled");
        r.testStarted();
        r.testFinished("C", "C#assumed", Outcome.ABORTED, null);
        r.testStarted(); // never finishes: a crashed fork

        Metrics m = r.snapshot(null, 1234, 5_000_000L, 1);
        assertThat(m.tests()).isEqualTo(new Metrics.Tests(8, 2, 1, 2, 1, 1, 1, 0));
        assertThat(m.classes()).isEqualTo(3);
        assertThat(m.methods()).isEqualTo(6);
        assertThat(m.exceptions()).isEqualTo(2); // ISE, SOE
        assertThat(m.errors()).isEqualTo(1); // the StackOverflowError
        assertThat(m.assertions()).isNull();
        assertThat(m.durationMs()).isEqualTo(1234);
        assertThat(m.memory().peakHeapBytes()).isEqualTo(5_000_000L);
    }

    @Test
    void withTheAgentEachTestTakesTheAssertionsOfItsThreadAndVoidTestsAreThosePassedWithout() {
        Recorder r = new Recorder(true);
        AssertionCounter.count(); // before any test: nobody's
        r.testStarted();
        r.testRunning();
        assertions(3);
        r.testFinished("A", "A#three", Outcome.PASSED, null);
        r.testStarted();
        r.testRunning();
        r.testFinished("A", "A#none", Outcome.PASSED, null); // void
        r.testStarted();
        r.setUpRunning();
        assertions(1); // in its set-up
        r.testRunning();
        assertions(1);
        r.testFinished("A", "A#fails", Outcome.FAILED, new AssertionError());
        r.testStarted();
        r.testRunning();
        r.testFinished("A", "A#throwsItsOwnAssertionError", Outcome.FAILED, new AssertionError());
        r.testStarted();
        r.testRunning();
        r.testFinished("A", "A#errored", Outcome.ERRORED, new IllegalStateException()); // not void: not passed
        r.testSkipped("A", "A#skipped");

        Metrics m = r.snapshot(null, 1, null, 1);
        assertThat(m.assertions()).isEqualTo(new Metrics.Assertions(6, 4, 2));
        assertThat(m.tests().voidTests()).isEqualTo(1);
    }

    @Test
    void withoutTheAgentAssertionsAndVoidAreUnknownNotZero() {
        Recorder r = new Recorder(false);
        r.testStarted();
        r.testRunning();
        r.testFinished("A", "A#none", Outcome.PASSED, null);
        Metrics m = r.snapshot(null, 1, null, 1);
        assertThat(m.assertions()).isNull();
        assertThat(m.tests().voidTests()).isNull();
        assertThat(new Recorder().snapshot(null, 1, null, 1).assertions()).as("no agent in this JVM").isNull();
    }

    private static void assertions(int n) {
        for (int i = 0; i < n; i++) {
            AssertionCounter.count(); // what instrumented code calls before an entry point
        }
    }

    @Test
    void aFailedContainerIsOneTestOfItsClassAndNotAMethod() {
        Recorder r = new Recorder(false);
        r.failedContainerAsOneTest("A", null, new IllegalStateException("@BeforeAll"));
        r.failedContainerAsOneTest("B", "B#factory", new AssertionError("@TestFactory"));

        Metrics m = r.snapshot(null, 0, null, 1);
        assertThat(m.tests()).isEqualTo(new Metrics.Tests(2, 0, 1, 1, 0, 0, 0, 0));
        assertThat(m.exceptions()).as("the assertion failure is not an exception").isEqualTo(1);
        assertThat(m.classes()).isEqualTo(2);
        assertThat(m.methods()).as("only the factory is a method").isEqualTo(1);
    }

    @Test
    void aFailedContainerPerClassIsOneTestPerClassButEveryExceptionCounts() {
        Recorder r = new Recorder(false);
        r.failedContainerAsOneTestPerClass("A", new IllegalStateException("first @BeforeMethod"));
        r.failedContainerAsOneTestPerClass("A", new IllegalStateException("second @BeforeMethod"));
        r.failedContainerAsOneTestPerClass("B", new AssertionError("@BeforeClass"));

        Metrics m = r.snapshot(null, 0, null, 1);
        assertThat(m.tests()).isEqualTo(new Metrics.Tests(2, 0, 1, 1, 0, 0, 0, 0));
        assertThat(m.exceptions()).isEqualTo(2);
    }

    @Test
    void aClassAbortedInSetUpCountsEachDeclaredTestAsAborted() {
        Recorder r = new Recorder(false);
        r.classAbortedInSetUp("A", List.of(new Recorder.TestKey("A", "A#one"), new Recorder.TestKey("A", "A#two"),
                new Recorder.TestKey("A$Nested", "A$Nested#three")));
        r.classAbortedInSetUp("Empty", List.of());

        Metrics m = r.snapshot(null, 0, null, 1);
        assertThat(m.tests()).as("three declared tests, and one for the class without tests")
                .isEqualTo(new Metrics.Tests(4, 0, 0, 0, 0, 4, 0, 0));
        assertThat(m.methods()).isEqualTo(3);
        assertThat(m.classes()).isEqualTo(3);
    }

    @Test
    void aClassAbortedAfterItsTestsRanAddsNothing() {
        Recorder r = new Recorder(false);
        r.testStarted();
        r.testFinished("A", "A#one", Outcome.PASSED, null);
        r.classAbortedInSetUp("A", List.of(new Recorder.TestKey("A", "A#one")));

        assertThat(r.snapshot(null, 0, null, 1).tests()).isEqualTo(new Metrics.Tests(1, 1, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void retriedAttemptsAreSkippedAndAPassingLastAttemptIsFlaky() {
        Recorder r = new Recorder(false);
        assertThat(r.retriesPending()).isFalse();
        // "one" fails, then passes: flaky
        r.attemptRetried("A", "A#one", "one[0]");
        assertThat(r.retriesPending()).isTrue();
        r.testStarted();
        r.testFinishedAfterRetries("A", "A#one", Outcome.PASSED, null, "one[0]");
        // "two" fails, then fails again for good: not flaky
        r.attemptRetried("A", "A#two", "two[0]");
        r.testStarted();
        AssertionError failure = new AssertionError("still failing");
        r.testFinishedAfterRetries("A", "A#two", Outcome.FAILED, failure, "two[0]");
        // a test that was never retried, passing with a key: not flaky
        r.testStarted();
        r.testFinishedAfterRetries("A", "A#three", Outcome.PASSED, null, "three[0]");

        assertThat(r.retriesPending()).isFalse();
        Metrics m = r.snapshot(null, 0, null, 1);
        assertThat(m.tests()).isEqualTo(new Metrics.Tests(5, 2, 1, 0, 2, 0, 0, 1));
        assertThat(m.methods()).isEqualTo(3);
    }

    @Test
    void classesWhoseTestsInterleaveAreEachCountedAndToldOnce() {
        ToldNames told = new ToldNames();
        Recorder r = new Recorder(false, told);
        for (String type : List.of("A", "A", "B", "A", "B", "B", "C", "A")) {
            r.testStarted();
            r.testFinished(new String(type), null, Outcome.PASSED, null); // equal keys, not the same instance
        }
        r.classAbortedInSetUp("B", List.of(new Recorder.TestKey("B", "B#late")));

        assertThat(told.classes).containsExactly("A", "B", "C");
        Metrics m = r.snapshot(null, 0, null, 1);
        assertThat(m.classes()).isEqualTo(3);
        assertThat(m.tests().total()).as("B had run: its late abort adds nothing").isEqualTo(8);
    }

    @Test
    void exactUnderManyThreads() throws Exception {
        Recorder r = new Recorder();
        int threads = 32;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    r.testStarted();
                    Outcome o = Outcome.values()[i % 5];
                    r.testFinished("C" + id, "C" + id + "#m" + (i % 10), o, o == Outcome.ERRORED ? new RuntimeException() : null);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Metrics m = r.snapshot(null, 0, null, 1);
        long n = (long) threads * perThread;
        assertThat(m.tests().total()).isEqualTo(n);
        assertThat(m.tests().passed()).isEqualTo(n / 5);
        assertThat(m.tests().errored()).isEqualTo(n / 5);
        assertThat(m.exceptions()).isEqualTo(n / 5);
        assertThat(m.tests().incomplete()).isZero();
        assertThat(m.classes()).isEqualTo(threads);
        assertThat(m.methods()).isEqualTo(threads * 10L);
    }

    @Test
    void theNamesOfDistinctClassesAndMethodsAreToldOnceEachWhateverTheKeys() throws Exception {
        ToldNames told = new ToldNames();
        Recorder r = new Recorder(false, told);
        r.testStarted();
        r.testFinished("a.A", "a.A#one()", Outcome.PASSED, null);
        r.testStarted();
        r.testFinished("a.A", "a.A#one()", Outcome.FAILED, new AssertionError()); // an invocation again
        r.testStarted();
        r.testFinished(null, null, Outcome.PASSED, null); // a known method: the JUnit adapter's allocation-free path
        java.lang.reflect.Method method = String.class.getMethod("regionMatches", int.class, String.class, int.class,
                int.class);
        r.testStarted();
        r.testFinished(String.class, method, Outcome.PASSED, null); // TestNG's keys: the class and the Java method
        r.testSkipped(null, "orphan");

        assertThat(told.classes).containsExactlyInAnyOrder("a.A", "java.lang.String");
        assertThat(told.methods).containsExactlyInAnyOrder(java.util.Map.entry("a.A#one()", "a.A"),
                java.util.Map.entry("java.lang.String#regionMatches(int,java.lang.String,int,int)", "java.lang.String"),
                java.util.Map.entry("orphan", ""));
        assertThat(r.snapshot(null, 0, null, 1).methods()).isEqualTo(3);
    }

    @Test
    void aSizeHintLosesNothingBeforeOrAfterTheFirstCount() {
        Recorder hinted = new Recorder(false);
        hinted.expectTests(10_000);
        Recorder late = new Recorder(false);
        for (int i = 0; i < 300; i++) {
            for (Recorder r : new Recorder[] {hinted, late}) {
                r.testStarted();
                r.testFinished("a.A", "a.A#m" + i % 200 + "()", Outcome.PASSED, null);
                if (i == 100) {
                    r.expectTests(5_000); // a second plan's hint, once methods are counted: ignored
                }
            }
        }

        for (Recorder r : new Recorder[] {hinted, late}) {
            Metrics m = r.snapshot(null, 0, null, 1);
            assertThat(m.methods()).isEqualTo(200);
            assertThat(m.classes()).isEqualTo(1);
            assertThat(m.tests().passed()).isEqualTo(300);
        }
    }

    /** The names a recorder tells, in order: classes, and methods with their class. */
    private static final class ToldNames implements Recorder.NameVisitor {
        final List<String> classes = new ArrayList<>();
        final List<java.util.Map.Entry<String, String>> methods = new ArrayList<>();

        @Override
        public void visitClass(String name) {
            classes.add(name);
        }

        @Override
        public void visitMethod(String name, String className) {
            methods.add(java.util.Map.entry(name, className));
        }
    }
}
