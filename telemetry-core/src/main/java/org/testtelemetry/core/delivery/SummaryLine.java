package org.testtelemetry.core.delivery;

import java.net.URI;
import java.util.Locale;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;

/**
 * The words of the one line: {@code Test telemetry: 95 tests (90 passed, 2 failed, 1 errored, 2 skipped), line
 * coverage 87.1% — sent to https://host in 41 ms}. Aborted and incomplete tests are named only when there are
 * some; coverage only when JaCoCo measured lines.
 */
final class SummaryLine {

    static final String PREFIX = "Test telemetry:";
    static final String DASH = " — ";

    private SummaryLine() {
    }

    /** The counts part, e.g. {@code Test telemetry: 95 tests (90 passed, ...), line coverage 87.1%}. */
    static String of(Report report) {
        Metrics metrics = report.metrics();
        Metrics.Tests t = metrics.tests();
        StringBuilder line = new StringBuilder(PREFIX).append(' ')
                .append(t.total()).append(t.total() == 1 ? " test (" : " tests (")
                .append(t.passed()).append(" passed, ")
                .append(t.failed()).append(" failed, ")
                .append(t.errored()).append(" errored, ")
                .append(t.skipped()).append(" skipped");
        if (t.aborted() > 0) {
            line.append(", ").append(t.aborted()).append(" aborted");
        }
        if (t.incomplete() > 0) {
            line.append(", ").append(t.incomplete()).append(" incomplete");
        }
        line.append(')');
        if (metrics.coverage() != null && metrics.coverage().line() != null) {
            double ratio = metrics.coverage().line().ratio();
            if (!Double.isNaN(ratio)) {
                line.append(", line coverage ").append(String.format(Locale.ROOT, "%.1f%%", ratio * 100));
            }
        }
        return line.toString();
    }

    /** The endpoint as the line names it: scheme, host, port and path, never credentials or a query. */
    static String endpoint(URI endpoint) {
        StringBuilder out = new StringBuilder(endpoint.getScheme()).append("://").append(endpoint.getHost());
        if (endpoint.getPort() > 0) {
            out.append(':').append(endpoint.getPort());
        }
        String path = endpoint.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            out.append(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }
        return out.toString();
    }

    /** {@code 1 report still waits in } / {@code 3 reports still wait in }. */
    static String waiting(int n, String still) {
        return reports(n) + " " + still + (n == 1 ? "waits in " : "wait in ");
    }

    /** {@code 1 report} / {@code 3 reports}. */
    static String reports(int n) {
        return n + (n == 1 ? " report" : " reports");
    }
}
