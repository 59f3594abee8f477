package org.testtelemetry.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;

/** Reports with chosen dates, projects and environments for the read API's tests. */
final class Reports {

    private Reports() {
    }

    static Environment env(String java, String ci, String buildTool, Environment.Framework... frameworks) {
        return new Environment(new Environment.JavaRuntime(java, "Eclipse Adoptium"), List.of(frameworks),
                new Environment.TelemetryClient("0.1.0-SNAPSHOT", "junit5"),
                new Environment.OperatingSystem("Linux", "6.1.0"), "amd64", ci,
                buildTool == null ? null : new Environment.BuildTool(buildTool, "1.0"));
    }

    static Metrics metrics(long tests, long failed, long durationMs, Long heap, Metrics.Counter line) {
        Metrics.Coverage coverage = line == null ? null : new Metrics.Coverage(line, new Metrics.Counter(1, 1),
                new Metrics.Counter(10, 0), new Metrics.Counter(2, 2), new Metrics.Counter(3, 1));
        return new Metrics(tests / 10 + 1, tests, new Metrics.Tests(tests, tests - failed, failed, 0, 0, 0, 0, 0),
                null, 0, 0, coverage, durationMs, new Metrics.Memory(heap), 1);
    }

    static Report report(String createdAt, Project project, Environment env, Metrics metrics) {
        return ReportBuilder.create(env, project).metrics(metrics)
                .clock(Clock.fixed(Instant.parse(createdAt), ZoneOffset.UTC)).build();
    }

    static Project clear(String vendor, String name) {
        return new Project(vendor, name, Anonymization.NONE);
    }

    static Project hashed(String vendorHash, String nameHash) {
        return new Project(vendorHash, nameHash, Anonymization.ALL);
    }
}
