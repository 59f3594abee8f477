package org.testtelemetry.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.testtelemetry.core.env.Vocabulary;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Environment.JavaRuntime;
import org.testtelemetry.report.Environment.OperatingSystem;
import org.testtelemetry.report.Environment.TelemetryClient;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.report.ReportSchema;

/**
 * Thousands of random identifying strings — host and user names, e-mails, IPv4/IPv6 addresses, paths, URLs with
 * credentials, git remotes, tokens, and full-width look-alikes of them — fed into each free field of a report, alone
 * and embedded the way real values carry them ({@code 6.1.0-<host>}, {@code Eclipse Adoptium <user>}). None may
 * survive the guard, even when the guard knows no needle: privacy holds by construction, not by luck.
 */
class PrivacyPropertiesTest {

    /** Each environment field that holds text, and how to put a value into it. */
    enum Field {
        JAVA_VERSION((e, v) -> java(e, new JavaRuntime(v, e.java().vendor()))),
        JAVA_VENDOR((e, v) -> java(e, new JavaRuntime(e.java().version(), v))),
        OS_NAME((e, v) -> os(e, new OperatingSystem(v, e.os().version()))),
        OS_VERSION((e, v) -> os(e, new OperatingSystem(e.os().name(), v))),
        ARCH((e, v) -> new Environment(e.java(), e.frameworks(), e.telemetry(), e.os(), v, e.ci(), e.buildTool())),
        CI((e, v) -> new Environment(e.java(), e.frameworks(), e.telemetry(), e.os(), e.arch(), v, e.buildTool())),
        BUILD_TOOL_NAME((e, v) -> e.withBuildTool(new BuildTool(v, e.buildTool().version()))),
        BUILD_TOOL_VERSION((e, v) -> e.withBuildTool(new BuildTool(e.buildTool().name(), v))),
        FRAMEWORK_NAME((e, v) -> e.withFrameworks(List.of(new Framework(v, "6.1.3")))),
        FRAMEWORK_VERSION((e, v) -> e.withFrameworks(List.of(new Framework("junit-jupiter", v)))),
        TELEMETRY_VERSION((e, v) -> e.withTelemetry(new TelemetryClient(v, e.telemetry().adapter()))),
        TELEMETRY_ADAPTER((e, v) -> e.withTelemetry(new TelemetryClient(e.telemetry().version(), v)));

        final BiFunction<Environment, String, Environment> set;

        Field(BiFunction<Environment, String, Environment> set) {
            this.set = set;
        }
    }

    /** How real values carry a stray identifier: alone, after a version, around a vendor name... */
    enum Embedding {
        ALONE("%s"), AFTER_KERNEL_VERSION("6.1.0-%s"), AFTER_BUILD("17.0.15+%s"), AS_LAST_PART("5.14.%s"),
        AFTER_QUALIFIER("7.12.0-beta-%s"), BEFORE_VERSION("%s-6.1.0"), AFTER_NAME("Linux %s"),
        IN_VENDOR("Eclipse Adoptium %s"), IN_PARENTHESES("Windows 11 (%s)"), WITH_V("v3.9.16.%s");

        final String format;

        Embedding(String format) {
            this.format = format;
        }
    }

    /** An identifying value and the parts of it that must not appear anywhere in the report. */
    record Secret(String value, List<String> parts) {
        @Override
        public String toString() {
            return value;
        }
    }

    private static final Environment HONEST = new Environment(new JavaRuntime("17.0.15", "temurin"),
            List.of(new Framework("junit-jupiter", "6.1.3")), new TelemetryClient("0.1.0", "junit5"),
            new OperatingSystem("linux", "6.1.0"), "amd64", "github-actions", new BuildTool("maven", "3.9.16"));
    private static final Project PROJECT = new Project("h1-0123456789abcdef0123456789abcdef",
            "h1-fedcba9876543210fedcba9876543210", Anonymization.ALL);
    /** Everything an honest report says: a part found in it would prove nothing about leaking. */
    private static final String BASELINE = normalize(ReportJson.write(ReportBuilder.create(HONEST, PROJECT).build())
            + " eclipse adoptium windows 11 windows-11 linux 7.12.0-beta 17.0.15 v3.9.16 other redacted");
    /** A known version qualifier (beta2, rc01) is kept by design; a host named so is the needle net's job. */
    private static final Pattern QUALIFIER = Pattern.compile(
            "(alpha|beta|rc|cr|m|milestone|ea|preview|snapshot|final|release|ga)[-.]?[0-9]{0,2}",
            Pattern.CASE_INSENSITIVE);

    private static Environment java(Environment e, JavaRuntime java) {
        return new Environment(java, e.frameworks(), e.telemetry(), e.os(), e.arch(), e.ci(), e.buildTool());
    }

    private static Environment os(Environment e, OperatingSystem os) {
        return new Environment(e.java(), e.frameworks(), e.telemetry(), os, e.arch(), e.ci(), e.buildTool());
    }

    /** A word that is itself on a list (a user named debian) is honest data wherever it appears. */
    private static boolean inVocabulary(String part) {
        String other = Vocabulary.OTHER;
        return !other.equals(Vocabulary.javaVendor(part)) || !other.equals(Vocabulary.osName(part))
                || !other.equals(Vocabulary.arch(part)) || !other.equals(Vocabulary.framework(part))
                || !other.equals(Vocabulary.adapter(part)) || !other.equals(Vocabulary.ci(part))
                || !other.equals(Vocabulary.buildTool(part));
    }

    private static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static void assertNothingSurvives(Report report, Secret secret, String context) {
        String json = normalize(ReportJson.write(report));
        for (String part : secret.parts()) {
            assertThat(json).as(context + " leaked '" + part + "' of '" + secret + "'").doesNotContain(normalize(part));
        }
    }

    @Property(tries = 12_000)
    void noIdentifyingStringSurvivesInAnyFreeField(@ForAll Field field, @ForAll Embedding embedding,
                                                   @ForAll("identifying") Secret secret) {
        String value = String.format(embedding.format, secret.value());
        Report report = ReportBuilder.create(field.set.apply(HONEST, value), PROJECT).build();

        // no needle known: the vocabulary alone must drop it
        assertNothingSurvives(PrivacyGuard.of(Map.of(), Map.of(), null).enforce(report), secret, field + "=" + value);
    }

    @Property(tries = 1_500)
    void everyFieldAtOnceWithTheSecretAlsoInTheMachinesOwnSettings(@ForAll("identifying") Secret secret,
                                                                   @ForAll Embedding embedding) {
        String value = String.format(embedding.format, secret.value());
        Environment env = HONEST;
        for (Field field : Field.values()) {
            env = field.set.apply(env, value);
        }
        Report report = ReportBuilder.create(env, PROJECT).build();
        PrivacyGuard guard = PrivacyGuard.of(Map.of("user.name", secret.value()),
                Map.of("HOSTNAME", secret.value(), "BUILDKITE_REPO", secret.value()), secret.value());

        Report clean = guard.enforce(report);

        assertNothingSurvives(clean, secret, "all fields=" + value);
        assertThat(guard.enforce(clean)).as("the guard is idempotent").isSameAs(clean);
    }

    @Property(tries = 150)
    void whatTheGuardLetsThroughMatchesTheSchema(@ForAll Field field, @ForAll Embedding embedding,
                                                 @ForAll("identifying") Secret secret) {
        String value = String.format(embedding.format, secret.value());
        Report clean = PrivacyGuard.of(Map.of(), Map.of(), null)
                .enforce(ReportBuilder.create(field.set.apply(HONEST, value), PROJECT).build());
        assertThat(ReportSchema.errors(ReportJson.write(clean))).isEmpty();
    }

    // ---- generators ----

    private static Arbitrary<String> word(int min, int max) {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(min).ofMaxLength(max);
    }

    /** Letters and digits, at least one of each, like build-host-77 or secretbox02. */
    private static Arbitrary<String> hostLabel() {
        return Combinators.combine(word(3, 9), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3),
                Arbitraries.of("", "-", "."))
                .as((letters, digits, sep) -> letters + sep + digits);
    }

    @Provide
    Arbitrary<Secret> identifying() {
        Arbitrary<Secret> host = Combinators.combine(hostLabel(), Arbitraries.of("", ".corp.example", ".local", ".lan"))
                .as((label, domain) -> secret(label + domain, label));
        Arbitrary<Secret> user = Combinators.combine(word(5, 10), Arbitraries.of("", "-", "_", "."), word(0, 6))
                .as((a, sep, b) -> secret(a + (b.isEmpty() ? "" : sep + b), a));
        Arbitrary<Secret> email = Combinators.combine(word(5, 9), hostLabel())
                .as((u, h) -> secret(u + "@" + h + ".example.org", u, h));
        Arbitrary<Secret> ipv4 = Arbitraries.integers().between(1, 254).list().ofSize(4)
                .map(o -> secret(o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3)));
        Arbitrary<Secret> ipv6 = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(4).ofMaxLength(4)
                .list().ofSize(3).map(g -> secret("2001:db8:" + String.join(":", g) + "::1"));
        Arbitrary<Secret> path = Combinators.combine(word(5, 9), Arbitraries.of("/home/", "/Users/", "C:\\Users\\",
                        "/srv/ci/workspace/"))
                .as((u, root) -> secret(root + u, u));
        Arbitrary<Secret> url = Combinators.combine(word(5, 8), hostLabel(), Arbitraries.strings().alpha().numeric()
                        .ofMinLength(8).ofMaxLength(16))
                .as((u, h, pw) -> secret("https://" + u + ":" + pw + "@" + h + ".example.com/x?token=" + pw, u, h, pw));
        Arbitrary<Secret> remote = Combinators.combine(word(5, 8), word(6, 10))
                .as((org, repo) -> secret("git@github.com:" + org + "/" + repo + ".git", org, repo));
        Arbitrary<Secret> token = Combinators.combine(Arbitraries.of("ghp_", "AKIA", "glpat-", "xoxb-"),
                        Arbitraries.strings().alpha().numeric().ofMinLength(16).ofMaxLength(36))
                .as((prefix, body) -> secret(prefix + body, body));
        Arbitrary<Secret> plain = Arbitraries.oneOf(host, user, email, ipv4, ipv6, path, url, remote, token);
        Arbitrary<Secret> fullWidth = plain.map(s -> new Secret(fullWidth(s.value()), s.parts()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, plain), net.jqwik.api.Tuple.of(1, fullWidth))
                .filter(s -> s.parts().stream().noneMatch(p -> BASELINE.contains(normalize(p))
                        || QUALIFIER.matcher(p).matches() || p.length() < 5 || inVocabulary(p)));
    }

    private static Secret secret(String value, String... parts) {
        List<String> all = new ArrayList<>(List.of(parts));
        if (all.isEmpty()) {
            all.add(value);
        }
        return new Secret(value, List.copyOf(all));
    }

    /** Full-width look-alikes (U+FF01..U+FF5E) of printable ASCII. */
    private static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c > 0x20 && c < 0x7f ? (char) (c + 0xFEE0) : c);
        }
        return out.toString();
    }
}
