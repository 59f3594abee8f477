package org.testtelemetry.core.coverage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.tools.ExecFileLoader;
import org.testtelemetry.report.Metrics;

/**
 * The totals JaCoCo's report computes, the way its report goal does (ExecFileLoader, Analyzer, CoverageBuilder,
 * bundle counters), with none of our code: the reference for inputs that no Maven build produces.
 */
final class JacocoReference {

    private JacocoReference() {
    }

    static Metrics.Coverage totals(List<Path> execFiles, List<Path> classes) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        for (Path exec : execFiles) {
            loader.load(exec.toFile());
        }
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
        for (Path path : classes) {
            analyzer.analyzeAll(path.toFile());
        }
        IBundleCoverage bundle = builder.getBundle("reference");
        return new Metrics.Coverage(counter(bundle.getLineCounter()), counter(bundle.getBranchCounter()),
                counter(bundle.getInstructionCounter()), counter(bundle.getMethodCounter()),
                counter(bundle.getComplexityCounter()));
    }

    private static Metrics.Counter counter(ICounter counter) {
        return new Metrics.Counter(counter.getCoveredCount(), counter.getMissedCount());
    }
}
