package org.testtelemetry.core.coverage;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.internal.analysis.ClassCoverageImpl;
import org.jacoco.core.internal.analysis.SourceNodeImpl;
import org.testtelemetry.report.Metrics;

/**
 * Adds analysed classes up to the five totals of JaCoCo's report, without building the report tree.
 *
 * <p>It follows {@code CoverageBuilder} + {@code BundleCoverage}: one class per name; instruction, branch, method and
 * complexity counters add up per class; lines merge per source file (a line shared by two classes counts once);
 * Kotlin inline-function fragments are applied to the classes they belong to. Where JaCoCo's report would stop on two
 * different classes with one name, this keeps one: the copy the exec data saw, else the first one found outside
 * {@code META-INF/versions/}, else the first one found. Thread-safe: analysis threads call {@link #add}.
 */
final class CoverageTally {

    private final ExecutionDataStore executionData;
    private final Map<String, Candidate> byName = new HashMap<>();
    private final TreeSet<String> conflicting = new TreeSet<>();
    private final TreeSet<String> multiRelease = new TreeSet<>();

    CoverageTally(ExecutionDataStore executionData) {
        this.executionData = executionData;
    }

    /**
     * @param order     position of the class file in the scan, so the choice between duplicates is deterministic
     * @param versioned whether the class came from a multi-release jar's {@code META-INF/versions/}
     */
    void add(IClassCoverage coverage, long order, boolean versioned) {
        // Kotlin classes may receive or send inline-function fragments: keep them whole until every class is known.
        boolean keepWhole = coverage instanceof ClassCoverageImpl impl
                && (!impl.getFragments().isEmpty() || isKotlin(coverage.getSourceFileName()));
        Candidate candidate = new Candidate(keepWhole ? null : ClassTotals.of(coverage),
                keepWhole ? (ClassCoverageImpl) coverage : null, coverage.getName(), coverage.getId(),
                executionData.get(coverage.getId()) != null, versioned, order);
        synchronized (this) {
            Candidate previous = byName.putIfAbsent(candidate.name, candidate);
            if (previous == null) {
                return;
            }
            if (previous.id != candidate.id) {
                (previous.versioned || candidate.versioned ? multiRelease : conflicting).add(candidate.name);
            }
            if (candidate.preferredTo(previous)) {
                byName.put(candidate.name, candidate);
            }
        }
    }

    /** Names found more than once with different content (JaCoCo's report fails on these). */
    synchronized TreeSet<String> conflicting() {
        TreeSet<String> names = new TreeSet<>(conflicting);
        names.removeAll(multiRelease);
        return names;
    }

    /** Names with a different variant under a multi-release jar's {@code META-INF/versions/}: normal for libraries. */
    synchronized TreeSet<String> multiReleaseVariants() {
        return new TreeSet<>(multiRelease);
    }

    /** Classes whose exec data belongs to another build of them (JaCoCo counts them as not covered). */
    synchronized long mismatched() {
        long count = 0;
        for (Candidate c : byName.values()) {
            if (c.whole != null ? c.whole.isNoMatch() : c.totals.noMatch()) {
                count++;
            }
        }
        return count;
    }

    synchronized int classes() {
        return byName.size();
    }

    /** The report's totals. Call once, after the last {@link #add}. */
    synchronized Metrics.Coverage totals() {
        applyKotlinFragments();
        long[] sum = new long[ClassTotals.SIZE];
        Map<String, BitSet[]> sourceLines = new HashMap<>();
        for (Candidate candidate : byName.values()) {
            ClassTotals c = candidate.whole != null ? ClassTotals.of(candidate.whole) : candidate.totals;
            for (int i = 0; i < ClassTotals.LINE; i++) {
                sum[i] += c.counters()[i];
            }
            if (c.sourceKey() == null) {
                sum[ClassTotals.LINE] += c.counters()[ClassTotals.LINE];
                sum[ClassTotals.LINE + 1] += c.counters()[ClassTotals.LINE + 1];
            } else if (c.linesWithCode() != null) {
                BitSet[] lines = sourceLines.computeIfAbsent(c.sourceKey(), k -> new BitSet[] {new BitSet(), new BitSet()});
                lines[0].or(c.linesWithCode());
                lines[1].or(c.coveredLines());
            }
        }
        for (BitSet[] lines : sourceLines.values()) {
            int covered = lines[1].cardinality();
            sum[ClassTotals.LINE] += covered;
            sum[ClassTotals.LINE + 1] += lines[0].cardinality() - covered;
        }
        return new Metrics.Coverage(counter(sum, ClassTotals.LINE), counter(sum, ClassTotals.BRANCH),
                counter(sum, ClassTotals.INSTRUCTION), counter(sum, ClassTotals.METHOD),
                counter(sum, ClassTotals.COMPLEXITY));
    }

    private void applyKotlinFragments() {
        for (Candidate source : byName.values()) {
            if (source.whole == null) {
                continue;
            }
            for (SourceNodeImpl fragment : source.whole.getFragments()) {
                Candidate target = byName.get(fragment.getName());
                if (target != null && target.whole != null) {
                    target.whole.applyFragment(fragment);
                }
            }
        }
    }

    private static boolean isKotlin(String sourceFile) {
        return sourceFile != null && sourceFile.endsWith(".kt");
    }

    private static Metrics.Counter counter(long[] sum, int at) {
        return new Metrics.Counter(sum[at], sum[at + 1]);
    }

    private record Candidate(ClassTotals totals, ClassCoverageImpl whole, String name, long id, boolean executed,
                             boolean versioned, long order) {

        boolean preferredTo(Candidate other) {
            if (executed != other.executed) {
                return executed;
            }
            if (versioned != other.versioned) {
                return !versioned;
            }
            return order < other.order;
        }
    }
}
