package org.testtelemetry.report;

import java.util.ArrayList;
import java.util.List;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics.Counter;

/** Every shape of report the builder can produce: each optional part present and absent, each mode. */
public final class SampleReports {

    private SampleReports() {
    }

    public static Environment environment(BuildTool buildTool, String ci, List<Framework> frameworks) {
        return new Environment(new Environment.JavaRuntime("17.0.15", "Eclipse Adoptium"), frameworks,
                new Environment.TelemetryClient("0.1.0-SNAPSHOT", "junit5"),
                new Environment.OperatingSystem("Linux", "6.1.0-13-amd64"), "amd64", ci, buildTool);
    }

    public static Metrics fullMetrics() {
        Counter c = new Counter(80, 20);
        return new Metrics(12, 95, new Metrics.Tests(100, 90, 2, 1, 3, 1, 3, 1, 5L), new Metrics.Assertions(400, 398, 2),
                4, 1, new Metrics.Coverage(c, new Counter(30, 10), new Counter(900, 100), new Counter(50, 5),
                        new Counter(60, 25)),
                4_321, new Metrics.Memory(256L * 1024 * 1024), 2);
    }

    public static List<Report> all() {
        List<Report> reports = new ArrayList<>();
        List<Environment> environments = List.of(
                environment(null, null, List.of()),
                environment(new BuildTool("maven", "3.9.16"), "github-actions",
                        List.of(new Framework("junit-jupiter", "6.1.3"), new Framework("junit-vintage", "6.1.3"))),
                environment(new BuildTool("gradle", null), "ci", List.of(new Framework("testng", "7.12.0"))),
                environment(new BuildTool("unknown", null), null, List.of()));
        List<Project> projects = List.of(
                new Project("h1-0123456789abcdef0123456789abcdef", "h1-fedcba9876543210fedcba9876543210", Anonymization.ALL),
                new Project("org.acme", "h1-fedcba9876543210fedcba9876543210", Anonymization.PROJECT),
                new Project("org.acme", "shop-service", Anonymization.NONE),
                new Project(null, null, Anonymization.ALL));
        List<Metrics> metrics = List.of(Metrics.EMPTY, fullMetrics());
        for (Environment e : environments) {
            for (Project p : projects) {
                for (Metrics m : metrics) {
                    reports.add(ReportBuilder.create(e, p).metrics(m).build());
                }
            }
        }
        return reports;
    }
}
