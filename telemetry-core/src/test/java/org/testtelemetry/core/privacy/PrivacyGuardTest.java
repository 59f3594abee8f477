package org.testtelemetry.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.run.RunContext;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.report.SampleReports;

class PrivacyGuardTest {

    /** Values a careless client could leak; none may appear in any serialized report. */
    private static final List<String> SECRETS = List.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "alice-wonder", "/home/alice-wonder", "build-host-77",
            "/srv/ci/workspace/secret-shop", "acme-corp/secret-shop", "secret-shop", "feature/launch-codes",
            "https://gitlab.example.org/acme-corp/secret-shop", "git@github.com:acme-corp/secret-shop.git",
            "SuperSecretPassw0rd", "10.20.30.40", "sess-cookie-value-123");

    private static Map<String, String> poisonedEnv(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("GITHUB_TOKEN", "ghp_16C7e42F292c6912E7710c838347Ae178B4a");
        env.put("HOME", home.toString());
        env.put("USER", "alice-wonder");
        env.put("HOSTNAME", "build-host-77");
        env.put("PWD", "/srv/ci/workspace/secret-shop");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_REPOSITORY", "acme-corp/secret-shop");
        env.put("GITHUB_REF_NAME", "feature/launch-codes");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("CI_PROJECT_URL", "https://gitlab.example.org/acme-corp/secret-shop");
        env.put("GIT_URL", "git@github.com:acme-corp/secret-shop.git");
        env.put("DB_PASSWORD", "SuperSecretPassw0rd");
        env.put("SSH_CONNECTION", "10.20.30.40 5555 10.0.0.1 22");
        env.put("SESSION_COOKIE", "sess-cookie-value-123");
        env.put("JAVA_VERSION", "17.0.15"); // an innocent value equal to a reported one must not redact it
        return env;
    }

    private static Map<String, String> poisonedSysProps(Path home) {
        Map<String, String> sys = new HashMap<>();
        sys.put("user.name", "alice-wonder");
        sys.put("user.home", home.toString());
        sys.put("user.dir", "/srv/ci/workspace/secret-shop");
        sys.put("java.version", "17.0.15");
        sys.put("java.vendor", "Eclipse Adoptium");
        sys.put("os.name", "Linux");
        sys.put("os.version", "6.1.0-build-host-77"); // a kernel string carrying the host name
        sys.put("os.arch", "x86_64");
        return sys;
    }

    @Test
    void aRealRunContextInAPoisonedEnvironmentLeaksNothing(@TempDir Path home) throws Exception {
        Path projectDir = Files.createDirectories(home.resolve("secret-shop"));
        Files.writeString(projectDir.resolve("pom.xml"), "<project><groupId>acme-corp</groupId>"
                + "<artifactId>secret-shop</artifactId></project>");
        Map<String, String> env = poisonedEnv(home);
        Map<String, String> sys = poisonedSysProps(home);
        for (Anonymization mode : List.of(Anonymization.ALL, Anonymization.PROJECT)) {
            sys.put("telemetry.anonymize", mode.id());
            ConfigInputs inputs = new ConfigInputs(sys, env, Map.of(), null, Map.of(), null);
            RunContext context = RunContext.resolve(Configuration.load(inputs), inputs, projectDir, null, "junit5", null,
                    TelemetryLog.stream(System.err, false));
            Report report = PrivacyGuard.of(sys, env, "build-host-77").enforce(context.reportBuilder().metrics(SampleReports.fullMetrics()).build());
            String json = ReportJson.write(report);
            for (String secret : SECRETS) {
                assertThat(json.toLowerCase()).as(mode + ": " + secret).doesNotContain(secret.toLowerCase());
            }
            assertThat(json).doesNotContain("alice");
            assertThat(report.environment().ci()).isEqualTo("github-actions");
            assertThat(report.environment().java().version()).isEqualTo("17.0.15");
            // the kernel string carried the host name: only its numeric prefix is sent
            assertThat(report.environment().os().version()).isEqualTo("6.1.0");
            assertThat(report.environment().java().vendor()).isEqualTo("temurin");
        }
    }

    @Test
    void fieldsShapedLikePathsUrlsOrAddressesAreRedacted() {
        PrivacyGuard guard = PrivacyGuard.of(Map.of(), Map.of(), null);
        Environment env = new Environment(new Environment.JavaRuntime("17.0.15", "https://vendor.example"),
                List.of(new Framework("my-engine", "/opt/engines/1.0"), new Framework("junit-jupiter", "6.1.3")),
                new Environment.TelemetryClient("0.1.0", "junit5"),
                new Environment.OperatingSystem("Linux", "alice@host"), "amd64", null, null);
        Report report = guard.enforce(ReportBuilder.create(env, new Project("C:\\Users\\alice", "h1-00", Anonymization.ALL)).build());
        assertThat(report.environment().java().vendor()).isEqualTo("other");
        assertThat(report.environment().frameworks().get(0)).isEqualTo(new Framework("other", null));
        assertThat(report.environment().frameworks().get(1).version()).isEqualTo("6.1.3");
        assertThat(report.environment().os().version()).isNull();
        assertThat(report.project().vendor()).isEqualTo(PrivacyGuard.REDACTED);
        assertThat(report.environment().java().version()).isEqualTo("17.0.15");
    }

    @Test
    void aCleanReportIsReturnedUnchanged() {
        PrivacyGuard guard = PrivacyGuard.of(Map.of(), Map.of(), null);
        for (Report sample : SampleReports.all()) {
            Report clean = guard.enforce(sample);
            assertThat(guard.enforce(clean)).isSameAs(clean);
        }
    }

    @Test
    void aHostNamedDebianOrAUserNamedLinuxRedactsNoHonestField() {
        Map<String, String> sys = Map.of("user.name", "linux", "user.home", "/home/linux");
        Map<String, String> env = Map.of("HOSTNAME", "debian", "USER", "linux");
        Environment honest = new Environment(new Environment.JavaRuntime("17.0.15", "Debian"), List.of(),
                new Environment.TelemetryClient("0.1.0", "junit5"), new Environment.OperatingSystem("Linux", "6.1.0-13-amd64"),
                "amd64", null, null);
        Report report = PrivacyGuard.of(sys, env, "debian").enforce(ReportBuilder.create(honest,
                new Project(null, null, Anonymization.ALL)).build());
        assertThat(report.environment().java()).isEqualTo(new Environment.JavaRuntime("17.0.15", "debian"));
        assertThat(report.environment().os()).isEqualTo(new Environment.OperatingSystem("linux", "6.1.0"));
    }

    @Test
    void theNeedleNetStillCatchesAHostNameInAProjectNameInClear() {
        // a host name that is itself on a list is honest; a needle in a clear project name is not
        Report report = PrivacyGuard.of(Map.of(), Map.of("HOSTNAME", "secretbox02"), "secretbox02").enforce(
                ReportBuilder.create(SampleReports.environment(null, null, List.of()),
                        new Project("secretbox02-team", "h1-fedcba9876543210fedcba9876543210", Anonymization.PROJECT))
                        .build());
        assertThat(report.project().vendor()).isEqualTo(PrivacyGuard.REDACTED);
    }

    @Test
    void aRepositoryNameIsANeedleEvenBehindItsGitEnding() {
        PrivacyGuard guard = PrivacyGuard.of(Map.of(), Map.of("BUILDKITE_REPO", "git@github.com:acme/secret-bk-repo.git"), null);
        Report report = guard.enforce(ReportBuilder.create(SampleReports.environment(null, null, List.of()),
                new Project("secret-bk-repo", "h1-fedcba9876543210fedcba9876543210", Anonymization.PROJECT)).build());
        assertThat(report.project().vendor()).isEqualTo(PrivacyGuard.REDACTED);
    }

    @Test
    void namesTheUserChoseToPublishAreKeptEvenIfTheyMatchTheEnvironment() {
        Map<String, String> env = Map.of("GITHUB_REPOSITORY", "acme-corp/secret-shop");
        PrivacyGuard guard = PrivacyGuard.of(Map.of(), env, null);
        Report published = guard.enforce(ReportBuilder.create(SampleReports.environment(null, null, List.of()),
                new Project("acme-corp", "secret-shop", Anonymization.NONE)).build());
        assertThat(published.project().name()).isEqualTo("secret-shop");
        Report vendorOnly = guard.enforce(ReportBuilder.create(SampleReports.environment(null, null, List.of()),
                new Project("acme-corp", "h1-0123", Anonymization.PROJECT)).build());
        assertThat(vendorOnly.project().vendor()).isEqualTo(PrivacyGuard.REDACTED);
    }

    @Test
    void shortLooselyNamedValuesDoNotRedactHonestFields() {
        Map<String, String> env = Map.of("GITHUB_JOB", "test", "RUNNER_NAME", "linux", "BUILD_TAG", "maven");
        Report report = PrivacyGuard.of(Map.of(), env, null).enforce(ReportBuilder.create(SampleReports.environment(
                        new Environment.BuildTool("maven", "3.9.16"), "github-actions",
                        List.of(new Framework("testng", "7.12.0"))),
                new Project(null, null, Anonymization.ALL)).build());
        assertThat(ReportJson.write(report)).doesNotContain(PrivacyGuard.REDACTED);
    }
}
