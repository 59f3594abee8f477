package org.testtelemetry.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.junit5.fixtures.ExecutionsFixture;
import org.testtelemetry.junit5.fixtures.OutcomesFixture;

/**
 * What the listener costs per test: one {@code executionStarted} plus one {@code executionFinished} for a
 * passing test, on real {@link TestIdentifier}s from a real discovered test plan, in steady state (every class
 * and method already seen once). {@code enabled=false} is the cost when telemetry is off.
 *
 * <p>Run: {@code ./mvnw -B -pl junit5-extension -am -Pbenchmarks verify -DskipTests -DskipITs}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TelemetryListenerBenchmark {

    @Param({"true", "false"})
    public boolean enabled;

    private TelemetryListener listener;
    private TestIdentifier[] tests;
    private final TestExecutionResult passed = TestExecutionResult.successful();
    private int next;
    private Path runDir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        runDir = Files.createTempDirectory("telemetry-bench");
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class), selectClass(ExecutionsFixture.class))
                .configurationParameter("telemetry.enabled", Boolean.toString(enabled))
                .configurationParameter("telemetry.runDir", runDir.toString())
                .configurationParameter("telemetry.salt", "benchmark")
                .build());
        List<TestIdentifier> found = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).stream().filter(TestIdentifier::isTest).forEach(found::add);
        }
        tests = found.toArray(new TestIdentifier[0]);
        listener = new TelemetryListener(TelemetryLog.stderr(false));
        listener.testPlanExecutionStarted(plan);
        for (TestIdentifier test : tests) { // steady state: every class and method seen once
            listener.executionStarted(test);
            listener.executionFinished(test, passed);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        listener.sessionClosed();
    }

    @Benchmark
    public void passingTest() {
        TestIdentifier test = tests[next];
        next = next + 1 == tests.length ? 0 : next + 1;
        listener.executionStarted(test);
        listener.executionFinished(test, passed);
    }
}
