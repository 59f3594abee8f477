package org.testtelemetry.core.surefire;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;

/**
 * One module's metrics from its Surefire/Failsafe XML and the partial results its test JVMs wrote (one per JVM
 * session, see {@code telemetry.runDir}). DESIGN.md: the XML is the ground truth for {@code total},
 * {@code failed + errored} and {@code skipped + aborted}; the in-JVM adapters add what the XML cannot know —
 * which skips were failed assumptions, exceptions of lifecycle methods, assertions, heap, tests that never
 * finished. Without XML the partials are simply added up; without partials the XML stands alone.
 *
 * <pre>{@code
 * Metrics metrics = SurefireMerge.metrics(SurefireReports.read(files, log), PartialResults.readAll(runDir, log),
 *         coverage, wallClockMs, incompleteFromCrashes, crashedForks);
 * }</pre>
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public final class SurefireMerge {

    private SurefireMerge() {
    }

    /**
     * @param xml              what the XML reports say ({@link SurefireReports.Totals#NONE} when there were none)
     * @param partials         the test JVMs' partial reports, possibly none
     * @param coverage         coverage measured over the whole module (jacoco.exec), or null
     * @param durationMs       the module's measured wall clock, or 0 when unknown
     * @param crashIncomplete  tests the caller knows were planned but never finished in forks that died before
     *                         writing their partial result; added to the partials' own {@code incomplete}
     * @param crashedForks     test JVMs that died without a partial result
     */
    public static Metrics metrics(SurefireReports.Totals xml, List<Report> partials, Metrics.Coverage coverage,
                                  long durationMs, long crashIncomplete, int crashedForks) {
        Sums p = new Sums(partials);
        Metrics.Tests pt = p.tests;
        long incomplete = pt.incomplete() + Math.max(0, crashIncomplete);
        Metrics.Tests tests;
        long classes;
        long methods;
        if (xml.files() > 0) {
            Metrics.Tests x = xml.tests();
            long skippedOrAborted = x.skipped() + x.aborted();
            long aborted = partials.isEmpty() ? x.aborted() : Math.min(pt.aborted(), skippedOrAborted);
            tests = new Metrics.Tests(x.total() + incomplete, x.passed(), x.failed(), x.errored(),
                    skippedOrAborted - aborted, aborted, incomplete, x.flaky(), pt.voidTests());
            classes = xml.classes();
            methods = xml.methods();
        } else {
            long total = pt.passed() + pt.failed() + pt.errored() + pt.skipped() + pt.aborted() + incomplete;
            tests = new Metrics.Tests(total, pt.passed(), pt.failed(), pt.errored(), pt.skipped(), pt.aborted(),
                    incomplete, pt.flaky(), pt.voidTests());
            classes = p.classes;
            methods = p.methods;
        }
        // Adapters also see lifecycle failures; the XML still knows the errored tests of a fork without a partial.
        long exceptions = Math.max(p.exceptions, xml.exceptions());
        long errors = Math.max(p.errors, xml.errors());
        long duration = durationMs > 0 ? durationMs : p.spanMs > 0 ? p.spanMs : xml.timeMs();
        Metrics.Coverage merged = coverage != null ? coverage : p.onlyCoverage;
        int forks = p.forks + Math.max(0, crashedForks);
        if (forks == 0 && tests.total() > 0) {
            forks = 1; // the XML came from at least one test JVM
        }
        return new Metrics(classes, methods, tests, p.assertions, exceptions, errors, merged, duration,
                new Metrics.Memory(p.peakHeap), forks);
    }

    /**
     * One module's metrics from those of its test executions (Surefire's {@code default-test}, a second Surefire
     * execution, Failsafe, ...), each merged on its own by {@link #metrics}: test counts, exceptions, assertions
     * and forks add up, the heap is the largest.
     *
     * @param classes    distinct test classes of the module (a class run by two executions counts once)
     * @param methods    distinct test methods of the module
     * @param coverage   coverage measured over the whole module, or null
     * @param durationMs the module's measured wall clock, or 0 for the executions' sum
     */
    public static Metrics sum(List<Metrics> executions, long classes, long methods, Metrics.Coverage coverage,
                              long durationMs) {
        Metrics.Tests tests = null;
        long exceptions = 0, errors = 0, duration = 0;
        int forks = 0;
        Long peakHeap = null;
        // as for forks: assertions (and, by Tests.plus, void tests) only when every execution counted them
        boolean assertionsCounted = !executions.isEmpty();
        Metrics.Assertions assertions = null;
        Metrics.Coverage onlyCoverage = null;
        for (Metrics m : executions) {
            Metrics.Tests t = m.tests();
            tests = tests == null ? t : tests.plus(t);
            exceptions += m.exceptions();
            errors += m.errors();
            duration += m.durationMs();
            forks += m.forks();
            Long heap = m.memory().peakHeapBytes();
            if (heap != null && (peakHeap == null || heap > peakHeap)) {
                peakHeap = heap;
            }
            if (assertionsCounted && m.assertions() != null && t.voidTests() != null) {
                assertions = assertions == null ? m.assertions() : assertions.plus(m.assertions());
            } else {
                assertionsCounted = false;
                assertions = null;
            }
            if (m.coverage() != null) {
                onlyCoverage = executions.size() == 1 ? m.coverage() : null; // overlapping counters cannot be added
            }
        }
        if (tests == null) {
            tests = Metrics.Tests.ZERO;
        } else if (!assertionsCounted) {
            tests = tests.withVoid(null); // void tests go with assertions: both or neither
        }
        return new Metrics(classes, methods, tests, assertions, exceptions, errors,
                coverage != null ? coverage : onlyCoverage, durationMs > 0 ? durationMs : duration,
                new Metrics.Memory(peakHeap), forks);
    }

    /**
     * Distinct classes and test methods of a module from the fingerprints of its XML reports and of its test JVMs'
     * partial results, all under one key: a class run in two JVMs or two executions counts once. Surefire's XML
     * names a method as its report writes it and an adapter as its framework does, so for a class the XML holds,
     * its methods are the XML's; the partials add the classes (with their methods) that never reached the XML.
     *
     * @return {@code [classes, methods]}
     */
    public static long[] distinct(PartialResults.Seen xml, PartialResults.Seen partials) {
        Set<String> classes = new HashSet<>(xml.classes());
        classes.addAll(partials.classes());
        long methods = xml.methods().size();
        for (String method : partials.methods()) {
            if (!xml.classes().contains(PartialResults.Seen.classOf(method))) {
                methods++;
            }
        }
        return new long[] {classes.size(), methods};
    }

    /** Every framework the partials name, first version seen kept, in order of appearance. */
    public static List<Framework> frameworks(List<Report> partials) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Report report : partials) {
            for (Framework f : report.environment().frameworks()) {
                seen.putIfAbsent(f.name(), f.version());
            }
        }
        List<Framework> out = new ArrayList<>();
        seen.forEach((name, version) -> out.add(new Framework(name, version)));
        return out;
    }

    /** The partials added up. */
    private static final class Sums {
        /** The partials' outcomes added up ({@link Metrics.Tests#ZERO} without partials). */
        Metrics.Tests tests = Metrics.Tests.ZERO;
        long classes;
        long methods;
        long exceptions;
        long errors;
        /** Null unless every partial counted them: a fork without the agent would make the sum an undercount. */
        Metrics.Assertions assertions;
        Long peakHeap;
        Metrics.Coverage onlyCoverage;
        int forks;
        long spanMs;

        Sums(List<Report> partials) {
            long firstStart = Long.MAX_VALUE;
            long lastEnd = Long.MIN_VALUE;
            int withCoverage = 0;
            boolean assertionsCounted = true;
            Metrics.Tests sum = null;
            for (Report r : partials) {
                Metrics m = r.metrics();
                Metrics.Tests t = m.tests();
                sum = sum == null ? t : sum.plus(t);
                classes += m.classes();
                methods += m.methods();
                exceptions += m.exceptions();
                errors += m.errors();
                forks += Math.max(1, m.forks());
                if (assertionsCounted && m.assertions() != null && t.voidTests() != null) {
                    assertions = assertions == null ? m.assertions() : assertions.plus(m.assertions());
                } else {
                    assertionsCounted = false;
                    assertions = null;
                }
                Long heap = m.memory().peakHeapBytes();
                if (heap != null && (peakHeap == null || heap > peakHeap)) {
                    peakHeap = heap;
                }
                if (m.coverage() != null) {
                    withCoverage++;
                    onlyCoverage = m.coverage();
                }
                long end = r.createdAt().toEpochMilli();
                firstStart = Math.min(firstStart, end - m.durationMs());
                lastEnd = Math.max(lastEnd, end);
            }
            if (sum != null) {
                tests = assertionsCounted ? sum : sum.withVoid(null); // void tests go with assertions: both or neither
            }
            // Forks measure the same classes: their coverage counters overlap and cannot be added.
            if (withCoverage != 1) {
                onlyCoverage = null;
            }
            spanMs = partials.isEmpty() ? 0 : Math.max(0, lastEnd - firstStart);
        }
    }
}
