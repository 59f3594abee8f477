package org.testtelemetry.core.coverage;

import java.util.BitSet;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ILine;
import org.jacoco.core.analysis.ISourceNode;

/**
 * What one analysed class adds to the totals, in a few hundred bytes instead of JaCoCo's per-method, per-line tree.
 * Lines are kept as bit sets because JaCoCo counts a line once per source file, however many classes share it.
 *
 * @param counters     instruction, branch, method, complexity and line counters as covered/missed pairs
 * @param sourceKey    {@code package/SourceFile.java}, the unit JaCoCo merges lines over; null without debug info
 * @param linesWithCode lines (absolute numbers) that have at least one instruction
 * @param coveredLines  lines with at least one covered instruction
 */
record ClassTotals(String name, long id, boolean noMatch, long[] counters, String sourceKey, BitSet linesWithCode,
                   BitSet coveredLines) {

    static final int INSTRUCTION = 0;
    static final int BRANCH = 2;
    static final int METHOD = 4;
    static final int COMPLEXITY = 6;
    static final int LINE = 8;
    static final int SIZE = 10;

    static ClassTotals of(IClassCoverage coverage) {
        long[] counters = new long[SIZE];
        put(counters, INSTRUCTION, coverage.getInstructionCounter());
        put(counters, BRANCH, coverage.getBranchCounter());
        put(counters, METHOD, coverage.getMethodCounter());
        put(counters, COMPLEXITY, coverage.getComplexityCounter());
        put(counters, LINE, coverage.getLineCounter());
        String source = coverage.getSourceFileName();
        BitSet withCode = null;
        BitSet covered = null;
        if (source != null && coverage.getFirstLine() != ISourceNode.UNKNOWN_LINE) {
            withCode = new BitSet();
            covered = new BitSet();
            for (int line = coverage.getFirstLine(); line <= coverage.getLastLine(); line++) {
                ILine status = coverage.getLine(line);
                ICounter instructions = status.getInstructionCounter();
                if (instructions.getTotalCount() > 0) {
                    withCode.set(line);
                    if (instructions.getCoveredCount() > 0) {
                        covered.set(line);
                    }
                }
            }
        }
        String key = source == null ? null : coverage.getPackageName() + '/' + source;
        return new ClassTotals(coverage.getName(), coverage.getId(), coverage.isNoMatch(), counters, key, withCode,
                covered);
    }

    private static void put(long[] counters, int at, ICounter counter) {
        counters[at] = counter.getCoveredCount();
        counters[at + 1] = counter.getMissedCount();
    }
}
