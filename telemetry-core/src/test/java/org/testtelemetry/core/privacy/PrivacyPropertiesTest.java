package org.testtelemetry.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
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
 *
 * <p>The inputs are a corpus generated from a fixed {@link #SEED}, so every run checks the same cases and a failure
 * names its seed and case number; change the seed to explore a fresh corpus.
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

    /** An identifying value, the kind of string it is, and the parts of it that must not appear in the report. */
    record Secret(String kind, String value, List<String> parts) {
        @Override
        public String toString() {
            return value;
        }
    }

    /** Fixed, so the build is reproducible; printed with every failure. */
    static final long SEED = 0x7E1E_2026_0017L;
    static final int FREE_FIELD_CASES = 12_000;
    static final int ALL_FIELDS_CASES = 1_500;
    static final int SCHEMA_CASES = 240;
    private static final Field[] FIELDS = Field.values();
    private static final Embedding[] EMBEDDINGS = Embedding.values();

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

    /** One input: its number in its corpus (for the failure message), where it goes and how it is embedded. */
    record Case(long seed, int index, Field field, Embedding embedding, Secret secret) {
        String value() {
            return String.format(embedding.format, secret.value());
        }

        @Override
        public String toString() {
            return "seed 0x" + Long.toHexString(seed) + " case #" + index + " (" + secret.kind() + ") " + field + "="
                    + value();
        }
    }

    /** Field and embedding round-robin (every pair equally often), the secret drawn from the seeded corpus. */
    private static List<Case> cases(long seed, int size) {
        List<Secret> corpus = corpus(seed, size);
        List<Case> cases = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            cases.add(new Case(seed, i, FIELDS[i % FIELDS.length], EMBEDDINGS[(i / FIELDS.length) % EMBEDDINGS.length],
                    corpus.get(i)));
        }
        return cases;
    }

    /** The parts of the secret found in the report, as one line, or null when none is. */
    private static String leaks(Report report, Secret secret) {
        String json = normalize(ReportJson.write(report));
        List<String> leaked = secret.parts().stream().filter(part -> json.contains(normalize(part))).toList();
        return leaked.isEmpty() ? null : "leaked " + leaked;
    }

    /** Runs every case, then fails once listing the first failures, so one run shows the whole damage. */
    private static void assertEveryCase(List<Case> cases, Function<Case, String> failure) {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String problem;
            try {
                problem = failure.apply(c);
            } catch (RuntimeException | AssertionError e) {
                problem = "threw " + e;
            }
            if (problem != null) {
                failures.add(c + ": " + problem);
            }
        }
        if (!failures.isEmpty()) {
            fail("%d of %d cases failed (corpus seed 0x%s); the first:%n%s", failures.size(), cases.size(),
                    Long.toHexString(cases.get(0).seed()), String.join("\n", failures.subList(0,
                            Math.min(10, failures.size()))));
        }
    }

    @TestFactory
    Stream<DynamicTest> noIdentifyingStringSurvivesInAnyFreeField() {
        List<Case> cases = cases(SEED, FREE_FIELD_CASES);
        // one test per field (1,000 cases each): the report names the field that leaks
        return Arrays.stream(FIELDS).map(field -> DynamicTest.dynamicTest(field.name(), () -> assertEveryCase(
                cases.stream().filter(c -> c.field() == field).toList(), c -> {
                    Report report = ReportBuilder.create(c.field().set.apply(HONEST, c.value()), PROJECT).build();
                    // no needle known: the vocabulary alone must drop it
                    return leaks(PrivacyGuard.of(Map.of(), Map.of(), null).enforce(report), c.secret());
                })));
    }

    @Test
    void everyFieldAtOnceWithTheSecretAlsoInTheMachinesOwnSettings() {
        assertEveryCase(cases(SEED + 1, ALL_FIELDS_CASES), c -> {
            Environment env = HONEST;
            for (Field field : FIELDS) {
                env = field.set.apply(env, c.value());
            }
            Report report = ReportBuilder.create(env, PROJECT).build();
            String secret = c.secret().value();
            PrivacyGuard guard = PrivacyGuard.of(Map.of("user.name", secret),
                    Map.of("HOSTNAME", secret, "BUILDKITE_REPO", secret), secret);

            Report clean = guard.enforce(report);

            String leak = leaks(clean, c.secret());
            return leak != null ? leak : guard.enforce(clean) != clean ? "the guard is not idempotent" : null;
        });
    }

    @Test
    void whatTheGuardLetsThroughMatchesTheSchema() {
        assertEveryCase(cases(SEED + 2, SCHEMA_CASES), c -> {
            Report clean = PrivacyGuard.of(Map.of(), Map.of(), null)
                    .enforce(ReportBuilder.create(c.field().set.apply(HONEST, c.value()), PROJECT).build());
            List<String> errors = ReportSchema.errors(ReportJson.write(clean));
            return errors.isEmpty() ? null : "schema errors " + errors;
        });
    }

    /** The corpus must really hold every kind, plain and full-width: a filter that rejects too much fails here. */
    @Test
    void theCorpusHoldsEveryKindOfIdentifyingString() {
        List<Secret> corpus = corpus(SEED, FREE_FIELD_CASES);
        Map<String, Long> perKind = new TreeMap<>();
        corpus.forEach(s -> perKind.merge(s.kind(), 1L, Long::sum));

        assertThat(corpus).hasSize(FREE_FIELD_CASES).allMatch(PrivacyPropertiesTest::usable);
        assertThat(perKind.keySet()).as("kinds (seed 0x%s)", Long.toHexString(SEED)).hasSize(2 * KINDS.size());
        assertThat(perKind).as("cases per kind (seed 0x%s)", Long.toHexString(SEED)).allSatisfy(
                (kind, count) -> assertThat(count).as(kind).isGreaterThanOrEqualTo(100));
        assertThat(corpus(SEED, 50)).as("same seed, same corpus").isEqualTo(corpus.subList(0, 50));
    }

    // ---- generators: one per kind of identifying string ----

    /** Every plain kind; each also appears as its full-width look-alike (one case in six). */
    private static final Map<String, Function<SplittableRandom, Secret>> KINDS = Map.of(
            "host", PrivacyPropertiesTest::hostName,
            "user", PrivacyPropertiesTest::userName,
            "e-mail", PrivacyPropertiesTest::email,
            "ipv4", PrivacyPropertiesTest::ipv4,
            "ipv6", PrivacyPropertiesTest::ipv6,
            "path", PrivacyPropertiesTest::homePath,
            "url", PrivacyPropertiesTest::urlWithCredentials,
            "git remote", PrivacyPropertiesTest::gitRemote,
            "token", PrivacyPropertiesTest::token);
    private static final List<String> KIND_NAMES = KINDS.keySet().stream().sorted().toList();

    /** {@code size} secrets from one seeded generator: the same seed gives the same corpus. */
    static List<Secret> corpus(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Secret> corpus = new ArrayList<>(size);
        while (corpus.size() < size) {
            corpus.add(identifying(random));
        }
        return corpus;
    }

    /** One secret of a random kind that says something (see {@link #usable}); gives up on a generator that cannot. */
    private static Secret identifying(SplittableRandom random) {
        String kind = KIND_NAMES.get(random.nextInt(KIND_NAMES.size()));
        boolean wide = random.nextInt(6) == 0;
        for (int attempt = 0; attempt < 1_000; attempt++) {
            Secret secret = KINDS.get(kind).apply(random);
            if (usable(secret)) {
                return wide ? new Secret("full-width " + kind, fullWidth(secret.value()), secret.parts()) : secret;
            }
        }
        throw new IllegalStateException("the " + kind + " generator yields nothing usable");
    }

    /**
     * A part that an honest report may carry anyway (in the baseline, a known qualifier, a listed word) or that is
     * too short to be identifying would prove nothing by appearing.
     */
    private static boolean usable(Secret secret) {
        return secret.parts().stream().noneMatch(p -> BASELINE.contains(normalize(p))
                || QUALIFIER.matcher(p).matches() || p.length() < 5 || inVocabulary(p));
    }

    /** build-host-77, secretbox02.corp.example, ci.3.local */
    private static Secret hostName(SplittableRandom r) {
        String label = hostLabel(r);
        return secret("host", label + pick(r, "", ".corp.example", ".local", ".lan"), label);
    }

    /** jdoe, alice_smith, bob.k */
    private static Secret userName(SplittableRandom r) {
        String first = letters(r, 5, 10);
        String second = letters(r, 0, 6);
        return secret("user", first + (second.isEmpty() ? "" : pick(r, "", "-", "_", ".") + second), first);
    }

    private static Secret email(SplittableRandom r) {
        String user = letters(r, 5, 9);
        String host = hostLabel(r);
        return secret("e-mail", user + "@" + host + ".example.org", user, host);
    }

    private static Secret ipv4(SplittableRandom r) {
        return secret("ipv4", r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "."
                + r.nextInt(1, 255));
    }

    /** In the documentation prefix 2001:db8::/32, three random groups. */
    private static Secret ipv6(SplittableRandom r) {
        return secret("ipv6", "2001:db8:" + chars(r, HEX, 4, 4) + ":" + chars(r, HEX, 4, 4) + ":"
                + chars(r, HEX, 4, 4) + "::1");
    }

    /** A home or workspace directory: the user name is the secret. */
    private static Secret homePath(SplittableRandom r) {
        String user = letters(r, 5, 9);
        return secret("path", pick(r, "/home/", "/Users/", "C:\\Users\\", "/srv/ci/workspace/") + user, user);
    }

    /** User, password and host each identifying; the password also as a query token. */
    private static Secret urlWithCredentials(SplittableRandom r) {
        String user = letters(r, 5, 8);
        String host = hostLabel(r);
        String password = chars(r, ALPHANUMERIC, 8, 16);
        return secret("url", "https://" + user + ":" + password + "@" + host + ".example.com/x?token=" + password,
                user, host, password);
    }

    private static Secret gitRemote(SplittableRandom r) {
        String org = letters(r, 5, 8);
        String repo = letters(r, 6, 10);
        return secret("git remote", "git@github.com:" + org + "/" + repo + ".git", org, repo);
    }

    /** GitHub, AWS, GitLab and Slack token shapes: the random body is the secret. */
    private static Secret token(SplittableRandom r) {
        String body = chars(r, ALPHANUMERIC, 16, 36);
        return secret("token", pick(r, "ghp_", "AKIA", "glpat-", "xoxb-") + body, body);
    }

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String HEX = "0123456789abcdef";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + LOWER + "0123456789";

    /** Letters and digits, at least one of each, like build-host-77 or secretbox02. */
    private static String hostLabel(SplittableRandom r) {
        return letters(r, 3, 9) + pick(r, "", "-", ".") + chars(r, "0123456789", 1, 3);
    }

    private static String letters(SplittableRandom r, int min, int max) {
        return chars(r, LOWER, min, max);
    }

    /** Between min and max (inclusive) characters drawn from {@code alphabet}. */
    private static String chars(SplittableRandom r, String alphabet, int min, int max) {
        int length = r.nextInt(min, max + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String pick(SplittableRandom r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }

    /** The parts that must not survive; the whole value when it has no smaller identifying part. */
    private static Secret secret(String kind, String value, String... parts) {
        return new Secret(kind, value, parts.length == 0 ? List.of(value) : List.of(parts));
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
