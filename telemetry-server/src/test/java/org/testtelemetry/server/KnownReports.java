package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Metrics.Counter;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * Four reports on three days whose every figure the dashboards' tests work out by hand (see the comments):
 * two Java 17 runs of org.acme/shop-service on 2026-10-05, one Java 21 run of org.acme/billing on 2026-10-06,
 * one Java 17 run of an anonymized project on 2026-10-07.
 *
 * <pre>
 * tests    total passed failed errored skipped aborted incomplete flaky void
 * shop ×2    100     90      4       1       3       1          1     2    -
 * billing     50     50      0       0       0       0          0     0    5
 * anon        20     18      2       0       0       0          0     0    -
 * sum        270    248     10       2       6       2          2     4    5
 * classes 10+10+6+2 = 28 (7.0 per run), methods 50+50+25+10 = 135 (4.82 per class), 270/135 = 2.00 tests per method
 * duration 4000, 4000, 2000, 1000 ms; peak heap 256, 256, 128 MiB, none; line coverage 80/20 ×2, 45/5, none
 * </pre>
 */
final class KnownReports {

    static final String DAY1 = "2026-10-05";
    static final String DAY2 = "2026-10-06";
    static final String DAY3 = "2026-10-07";
    static final String HASHED_VENDOR = "h1-0123456789abcdef0123456789abcdef";
    static final String HASHED_PROJECT = "h1-fedcba9876543210fedcba9876543210";
    /** A release between the second and third day: a marker on every time chart. */
    static final String RELEASE_TAG = "v2.0.0";
    static final String RELEASE_AT = "2026-10-06T12:00:00Z";
    static final String ADMIN_TOKEN = "known-reports-admin-token";

    private KnownReports() {
    }

    static List<Report> all() {
        Environment linux17 = env("17.0.15", "Linux", "amd64", "github-actions", "maven",
                new Environment.Framework("junit-jupiter", "6.1.3"));
        Environment mac21 = env("21.0.7", "Mac OS X", "aarch64", null, "gradle",
                new Environment.Framework("junit-jupiter", "6.1.3"));
        Environment linux17TestNg = env("17.0.15", "Linux", "amd64", "github-actions", "maven",
                new Environment.Framework("testng", "7.12.0"));
        Project shop = Reports.clear("org.acme", "shop-service");
        Project billing = Reports.clear("org.acme", "billing");
        Project hashed = Reports.hashed(HASHED_VENDOR, HASHED_PROJECT);
        Metrics shopRun = new Metrics(10, 50, new Metrics.Tests(100, 90, 4, 1, 3, 1, 1, 2), Metrics.Assertions.of(400, 4),
                3, 0, coverage(80, 20, 30, 10), 4_000, new Metrics.Memory(256L << 20), 1);
        Metrics billingRun = new Metrics(6, 25, new Metrics.Tests(50, 50, 0, 0, 0, 0, 0, 0, 5L),
                Metrics.Assertions.of(100, 0), 0, 0, coverage(45, 5, 10, 10), 2_000, new Metrics.Memory(128L << 20), 1);
        Metrics anonRun = new Metrics(2, 10, new Metrics.Tests(20, 18, 2, 0, 0, 0, 0, 0), null, 0, 0, null, 1_000,
                new Metrics.Memory(null), 1);
        return List.of(
                Reports.report(DAY1 + "T09:00:00Z", shop, linux17, shopRun),
                Reports.report(DAY1 + "T15:00:00Z", shop, linux17, shopRun),
                Reports.report(DAY2 + "T10:00:00Z", billing, mac21, billingRun),
                Reports.report(DAY3 + "T11:00:00Z", hashed, linux17TestNg, anonRun));
    }

    private static Metrics.Coverage coverage(long lineCovered, long lineMissed, long branchCovered, long branchMissed) {
        Counter line = new Counter(lineCovered, lineMissed);
        return new Metrics.Coverage(line, new Counter(branchCovered, branchMissed), line, line, line);
    }

    private static Environment env(String java, String os, String arch, String ci, String buildTool,
                                   Environment.Framework framework) {
        return new Environment(new Environment.JavaRuntime(java, "Eclipse Adoptium"), List.of(framework),
                new Environment.TelemetryClient("0.1.0-SNAPSHOT", "junit5"), new Environment.OperatingSystem(os, "1"),
                arch, ci, new Environment.BuildTool(buildTool, null));
    }

    /** A token file with one admin token, {@link #ADMIN_TOKEN} (releases need one): {@code --token-file} of the server. */
    static Path tokenFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("tokens"),
                "sha256:" + HexFormat.of().formatHex(Tokens.sha256(ADMIN_TOKEN)) + " admin\n");
    }

    /** Posts the reports and the release through the real API (with {@link #ADMIN_TOKEN}) and waits for the worker. */
    static void post(Api api) throws Exception {
        for (Report r : all()) {
            HttpResponse<String> response = api.post("/api/v1/reports", ReportJson.writeBytes(r),
                    "Content-Type", "application/json", "Authorization", "Bearer " + ADMIN_TOKEN);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        String release = "{\"repository\": \"acme/shop-service\", \"tag\": \"" + RELEASE_TAG + "\","
                + " \"name\": \"Shop 2.0\", \"publishedAt\": \"" + RELEASE_AT + "\"}";
        HttpResponse<String> response = api.post("/api/v1/releases", release.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        api.drain();
    }
}
