package org.testtelemetry.core.privacy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.testtelemetry.core.SystemProperties;
import org.testtelemetry.core.env.Vocabulary;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;

/**
 * The one place that enforces what never leaves the machine: host names, user names, IP addresses, file
 * paths, environment variable values, git remotes or branches, test or class names, exception messages.
 * It works by construction first: every environment field is mapped to its {@link Vocabulary} — an id from a list
 * kept in code ({@code other} when the value is not on it) or a version reduced to its numeric prefix plus a known
 * qualifier — so no free text reaches a report, whoever built it. Then, as a second net, every version and every
 * project name in clear must be a short label (no {@code /}, {@code :}, {@code \}, {@code @}) and must not contain
 * a value known to identify this machine, user or repository; a field that breaks a rule is replaced by
 * {@value #REDACTED}. Canonical ids are not held against those values: they come from our lists, so a host named
 * {@code debian} cannot redact the vendor {@code debian}.
 *
 * <p>Project vendor and name are exempt from the second rule only when the user chose
 * {@code telemetry.anonymize=none}: publishing them is then the user's explicit wish.
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public final class PrivacyGuard {

    /** What replaces a field that failed a rule. */
    public static final String REDACTED = "redacted";

    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} ._+()\\-,]{0,128}");
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            ".*(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|SIGNATURE|API_?KEY|ACCESS_?KEY|_KEY|KEY_).*");
    private static final Set<String> IDENTIFYING_ENV = Set.of("HOME", "USER", "USERNAME", "LOGNAME", "HOSTNAME",
            "COMPUTERNAME", "PWD", "OLDPWD", "USERPROFILE", "USERDOMAIN", "HOST", "NAME", "MAIL");
    private static final Pattern REPOSITORY_NAME = Pattern.compile(
            ".*(REPO|REPOSITORY|PROJECT|BRANCH|REF|SLUG|REMOTE|URL|COMMIT|SHA|PIPELINE|WORKSPACE|JOB|BUILD_TAG|ORG|OWNER|NAMESPACE).*");
    private static final int MIN_NEEDLE = 4;

    private final List<String> needles;

    private PrivacyGuard(Set<String> needles) {
        this.needles = List.copyOf(needles);
    }

    /** A guard for the running process: its system properties, environment and host name. */
    public static PrivacyGuard forCurrentProcess() {
        return of(SystemProperties.snapshot(), System.getenv(), hostName());
    }

    /**
     * @param sysProps system properties (user.name, user.home, user.dir, ...)
     * @param env      environment variables
     * @param hostName this machine's name, or null
     */
    public static PrivacyGuard of(Map<String, String> sysProps, Map<String, String> env, String hostName) {
        Set<String> needles = new LinkedHashSet<>();
        for (String prop : List.of("user.name", "user.home", "user.dir", "java.io.tmpdir", "maven.multiModuleProjectDirectory", "basedir")) {
            addNeedle(needles, sysProps.get(prop));
        }
        addNeedle(needles, hostName);
        env.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            boolean secret = IDENTIFYING_ENV.contains(upper) || SENSITIVE_NAME.matcher(upper).matches();
            if (secret || REPOSITORY_NAME.matcher(upper).matches() || value.contains("://")) {
                // short values of loosely named variables (GITHUB_JOB=test) would redact honest fields
                if (secret || value.trim().length() >= 6) {
                    addNeedle(needles, value);
                }
                // a URL or slug's last part (the repository name) is a needle of its own
                for (String part : value.split("[/:@?#=&]")) {
                    // a remote's .git ending would hide the repository name it follows
                    String bare = part.endsWith(".git") ? part.substring(0, part.length() - 4) : part;
                    if (bare.length() >= 6) {
                        addNeedle(needles, bare);
                    }
                }
            }
        });
        return new PrivacyGuard(needles);
    }

    /** @return the report itself when it is clean, else a copy with every field canonical and every offending one redacted */
    public Report enforce(Report report) {
        Project p = report.project();
        boolean clearNames = p.anonymized() == Anonymization.NONE;
        Project project = new Project(field(p.vendor(), !clearNames), field(p.name(), !clearNames), p.anonymized());
        Environment e = Vocabulary.canonical(report.environment());
        List<Framework> frameworks = new ArrayList<>();
        for (Framework f : e.frameworks()) {
            frameworks.add(new Framework(f.name(), field(f.version())));
        }
        Environment environment = new Environment(
                e.java() == null ? null : new Environment.JavaRuntime(field(e.java().version()), e.java().vendor()),
                frameworks,
                e.telemetry() == null ? null
                        : new Environment.TelemetryClient(field(e.telemetry().version()), e.telemetry().adapter()),
                e.os() == null ? null : new Environment.OperatingSystem(e.os().name(), field(e.os().version())),
                e.arch(), e.ci(),
                e.buildTool() == null ? null : new BuildTool(e.buildTool().name(), field(e.buildTool().version())));
        Report clean = new Report(report.schemaVersion(), report.id(), report.createdAt(), project, environment,
                report.metrics());
        return clean.equals(report) ? report : clean;
    }

    private String field(String value) {
        return field(value, true);
    }

    private String field(String value, boolean checkNeedles) {
        if (value == null) {
            return null;
        }
        if (!LABEL.matcher(value).matches()) {
            return REDACTED;
        }
        if (checkNeedles) {
            // full-width and other look-alike characters compare as the letters they imitate
            String lower = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            for (String needle : needles) {
                if (lower.contains(needle)) {
                    return REDACTED;
                }
            }
        }
        return value;
    }

    private static void addNeedle(Set<String> needles, String value) {
        if (value == null) {
            return;
        }
        String v = Normalizer.normalize(value.trim(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // a version-shaped value (a release tag 17.0.15) identifies nobody and would redact honest versions
        boolean versionShaped = v.equals(Vocabulary.version(v));
        if (v.length() >= MIN_NEEDLE && !v.equals("true") && !v.equals("false") && !versionShaped) {
            needles.add(v);
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env == null) {
            env = System.getenv("COMPUTERNAME");
        }
        if (env != null) {
            return env;
        }
        try {
            // Reading /etc/hostname is instant; InetAddress.getLocalHost() can wait seconds on DNS.
            Path etc = Path.of("/etc/hostname");
            return Files.isReadable(etc) ? Files.readString(etc, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
