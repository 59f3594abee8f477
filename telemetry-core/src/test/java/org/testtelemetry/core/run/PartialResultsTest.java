package org.testtelemetry.core.run;

import org.testtelemetry.core.testing.RecordingLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.SystemProperties;
import org.testtelemetry.core.env.EnvironmentDetector;
import org.testtelemetry.core.recorder.Outcome;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.report.Environment;
import tools.jackson.databind.json.JsonMapper;

class PartialResultsTest {

    @TempDir
    Path temp;

    private static Report report(long passed) {
        Metrics metrics = new Metrics(1, 1, new Metrics.Tests(passed, passed, 0, 0, 0, 0, 0, 0), null, 0, 0, null,
                12, new Metrics.Memory(1024L), 1);
        return ReportBuilder.create(
                        EnvironmentDetector.detect(SystemProperties.snapshot(), System.getenv(), "junit5", null),
                        new Project("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210",
                                Anonymization.ALL))
                .metrics(metrics)
                .build();
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void instantsAreWrittenExactlyAsInstantToStringWrites() {
        List<Instant> times = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.001Z"),
                Instant.parse("2000-02-29T23:59:59.999Z"), Instant.parse("2024-02-29T12:00:00Z"),
                Instant.parse("2026-11-30T11:05:12.340Z"), Instant.parse("2100-03-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z")));
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 100_000; i++) {
            times.add(Instant.ofEpochMilli(random.nextLong(253_402_300_800_000L)));
        }
        for (Instant time : times) {
            assertThat(PartialResults.instant(time)).as("%s", time.toEpochMilli()).isEqualTo(time.toString());
        }
        // outside the hand-written range: left to Instant itself
        for (Instant other : List.of(Instant.parse("1969-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.ofEpochSecond(1, 1))) {
            assertThat(PartialResults.instant(other)).isEqualTo(other.toString());
        }
    }

    @Test
    void writesOneFilePerSessionAndReadsThemBack() throws IOException {
        Path runDir = temp.resolve("a/b/run");
        Report first = report(3);
        Report second = report(5);

        PartialResults.write(runDir, first);
        PartialResults.write(runDir, second);

        assertThat(names(runDir)).hasSize(2).allMatch(n -> n.startsWith(
                PartialResults.PREFIX + ProcessHandle.current().pid() + "-") && n.endsWith(".json"));
        RecordingLog log = new RecordingLog();
        assertThat(PartialResults.readAll(runDir, log)).containsExactlyInAnyOrder(first, second);
        assertThat(log.lines).isEmpty();
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        PartialResults.write(temp, report(1));

        assertThat(names(temp)).singleElement().asString().startsWith(PartialResults.PREFIX);
    }

    @Test
    void aCorruptFileIsOneWarningAndTheOthersStillCount() throws IOException {
        Report good = report(2);
        PartialResults.write(temp, good);
        Files.writeString(temp.resolve(PartialResults.PREFIX + "1-broken.json"), "{\"schemaVersion\": 1, \"id\":");
        Files.writeString(temp.resolve("unrelated.json"), "not ours");

        RecordingLog log = new RecordingLog();
        assertThat(PartialResults.readAll(temp, log)).containsExactly(good);
        assertThat(log.lines).singleElement().asString()
                .startsWith("WARN Test telemetry: ignoring ").contains("1-broken.json");
    }

    @Test
    void aMissingFolderHasNoResults() {
        RecordingLog log = new RecordingLog();

        assertThat(PartialResults.readAll(temp.resolve("nothing"), log)).isEmpty();
        assertThat(PartialResults.readAll(null, log)).isEmpty();
        assertThat(log.lines).isEmpty();
    }

    @Test
    void aSessionThatStartedAndNeverFinishedIsADeadJvmWithItsPlan() throws IOException {
        String dead = PartialResults.newSession();
        String done = PartialResults.newSession();
        PartialResults.writeStarted(temp, dead, Map.of("com.acme.KillTest", 20L, "com.acme.KillTest$Inner", 2L,
                "com.acme.OtherTest", 3L));
        PartialResults.writeStarted(temp, done, Map.of("com.acme.FineTest", 1L));
        Report finished = report(1);
        PartialResults.write(temp, done, finished);

        RecordingLog log = new RecordingLog();
        PartialResults.Run run = PartialResults.read(temp, log);

        assertThat(run.finished()).containsExactly(finished);
        assertThat(run.unfinished()).singleElement().satisfies(s -> {
            assertThat(s.session()).isEqualTo(dead);
            assertThat(s.planned()).isEqualTo(25);
            PartialResults.Fingerprints fp = PartialResults.fingerprints(temp);
            // a nested class is its top-level class, as in Surefire's report file
            assertThat(s.plannedByClass()).isEqualTo(Map.of(fp.of("com.acme.KillTest"), 22L,
                    fp.of("com.acme.OtherTest"), 3L));
        });
        assertThat(log.lines).isEmpty();
        String text = Files.readString(temp.resolve(PartialResults.STARTED_PREFIX + dead + ".txt"));
        assertThat(text).startsWith("telemetry-started 2\nplanned 25\n").doesNotContain("acme").doesNotContain("Test");
    }

    /**
     * SipHash-2-4 of the messages 00, 00 01, ... 00..3e (lengths 0 to 63) under the key 00..0f: the reference
     * implementation's published test vectors ({@code vectors_sip64} in github.com/veorq/SipHash, read as
     * little-endian 64-bit values). Every length exercises a different mix of whole words and tail bytes.
     */
    private static final long[] SIPHASH24_VECTORS = {
        0x726fdb47dd0e0e31L, 0x74f839c593dc67fdL, 0x0d6c8009d9a94f5aL, 0x85676696d7fb7e2dL,
        0xcf2794e0277187b7L, 0x18765564cd99a68dL, 0xcbc9466e58fee3ceL, 0xab0200f58b01d137L,
        0x93f5f5799a932462L, 0x9e0082df0ba9e4b0L, 0x7a5dbbc594ddb9f3L, 0xf4b32f46226bada7L,
        0x751e8fbc860ee5fbL, 0x14ea5627c0843d90L, 0xf723ca908e7af2eeL, 0xa129ca6149be45e5L,
        0x3f2acc7f57c29bdbL, 0x699ae9f52cbe4794L, 0x4bc1b3f0968dd39cL, 0xbb6dc91da77961bdL,
        0xbed65cf21aa2ee98L, 0xd0f2cbb02e3b67c7L, 0x93536795e3a33e88L, 0xa80c038ccd5ccec8L,
        0xb8ad50c6f649af94L, 0xbce192de8a85b8eaL, 0x17d835b85bbb15f3L, 0x2f2e6163076bcfadL,
        0xde4daaaca71dc9a5L, 0xa6a2506687956571L, 0xad87a3535c49ef28L, 0x32d892fad841c342L,
        0x7127512f72f27cceL, 0xa7f32346f95978e3L, 0x12e0b01abb051238L, 0x15e034d40fa197aeL,
        0x314dffbe0815a3b4L, 0x027990f029623981L, 0xcadcd4e59ef40c4dL, 0x9abfd8766a33735cL,
        0x0e3ea96b5304a7d0L, 0xad0c42d6fc585992L, 0x187306c89bc215a9L, 0xd4a60abcf3792b95L,
        0xf935451de4f21df2L, 0xa9538f0419755787L, 0xdb9acddff56ca510L, 0xd06c98cd5c0975ebL,
        0xe612a3cb9ecba951L, 0xc766e62cfcadaf96L, 0xee64435a9752fe72L, 0xa192d576b245165aL,
        0x0a8787bf8ecb74b2L, 0x81b3e73d20b49b6fL, 0x7fa8220ba3b2eceaL, 0x245731c13ca42499L,
        0xb78dbfaf3a8d83bdL, 0xea1ad565322a1a0bL, 0x60e61c23a3795013L, 0x6606d7e446282b93L,
        0x6ca4ecb15c5f91e1L, 0x9f626da15c9625f3L, 0xe51b38608ef25f57L, 0x958a324ceb064572L,
    };

    @Test
    void fingerprintsAreSipHash24ForEveryMessageLengthOfTheReferenceVectors() {
        byte[] key = new byte[16];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        PartialResults.Fingerprints fp = new PartialResults.Fingerprints(key);
        for (int length = 0; length < SIPHASH24_VECTORS.length; length++) {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) {
                message[i] = (byte) i;
            }
            assertThat(fp.sipHash24(message)).as("length %d", length).isEqualTo(SIPHASH24_VECTORS[length]);
        }
    }

    @Test
    void fingerprintsAreSipHash24AsPublishedWithItsReferenceVector() {
        // the SipHash paper's example: key 00..0f, message 00..0e (15 bytes) gives a129ca6149be45e5
        byte[] key = new byte[16];
        byte[] message = new byte[15];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        System.arraycopy(key, 0, message, 0, message.length);
        PartialResults.Fingerprints fp = new PartialResults.Fingerprints(key);

        assertThat(fp.sipHash24(message)).isEqualTo(0xa129ca6149be45e5L);
        assertThat(fp.sipHash24(new byte[0])).isEqualTo(0x726fdb47dd0e0e31L); // the reference's empty message
        List<String> hex = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String name = "com.acme.Name" + i + "Test#\u00e9t\u00e9()";
            hex.add(fp.of(name));
            assertThat(fp.of(name)).isEqualTo(String.format("%016x",
                    fp.sipHash24(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        assertThat(hex).as("zero-padded to 16 digits").anyMatch(h -> h.startsWith("0"));
        assertThat(fp.of("com.acme.KillTest")).hasSize(16).isNotEqualTo(fp.of("com.acme.KillTest2"))
                .isEqualTo(fp.of("com.acme.KillTest"));
    }

    @Test
    void localIdsAreVersion4UuidsAndDistinct() {
        Set<java.util.UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            java.util.UUID id = PartialResults.localId();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void sessionsAreDistinctWithoutARandomUuid() {
        Set<String> sessions = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sessions.add(PartialResults.newSession());
        }
        assertThat(sessions).hasSize(10_000).allMatch(s -> s.matches("[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"));
    }

    @Test
    void fingerprintsAreKeyedPerRunDirectoryAndStable() throws IOException {
        Path one = Files.createDirectories(temp.resolve("one"));
        Path two = Files.createDirectories(temp.resolve("two"));

        String a = PartialResults.fingerprints(one).of("com.acme.FooTest");

        assertThat(a).matches("[0-9a-f]{16}");
        assertThat(PartialResults.fingerprints(one).of("com.acme.FooTest")).as("same key, same fingerprint").isEqualTo(a);
        assertThat(PartialResults.fingerprints(one).of("com.acme.BarTest")).isNotEqualTo(a);
        assertThat(PartialResults.fingerprints(two).of("com.acme.FooTest")).as("another key").isNotEqualTo(a);
    }

    @Test
    void theKeyFileIsThirtyTwoLowercaseHexDigitsAnEndOfLineAllowed() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        Path newline = Files.createDirectories(temp.resolve("newline"));
        String key = "00112233445566778899aabbccddeeff";
        Files.writeString(plain.resolve(PartialResults.KEY_FILE), key);
        Files.writeString(newline.resolve(PartialResults.KEY_FILE), key + "\r\n");
        assertThat(PartialResults.fingerprints(newline).of("com.acme.FooTest"))
                .isEqualTo(PartialResults.fingerprints(plain).of("com.acme.FooTest"));

        for (String bad : new String[] {key.toUpperCase(java.util.Locale.ROOT), key.substring(2), key + "00",
            key + "\n" + " ".repeat(40) + "x",
            "zz" + key.substring(2), ""}) {
            Path dir = Files.createDirectories(temp.resolve("bad-" + bad.length() + "-" + bad.hashCode()));
            Files.writeString(dir.resolve(PartialResults.KEY_FILE), bad);
            assertThatThrownBy(() -> PartialResults.fingerprints(dir)).as(bad).isInstanceOf(IOException.class)
                    .hasMessageContaining("no readable fingerprint key");
            assertThatThrownBy(() -> PartialResults.write(dir, "s", report(1), seen(dir, "a.A#b()"))).as(bad)
                    .isInstanceOf(IOException.class).hasMessageContaining("no readable fingerprint key");
        }
        Path none = Files.createDirectories(temp.resolve("nothing-counted"));
        PartialResults.write(none, "s", report(0), new PartialResults.SeenNames(none));
        assertThat(none.resolve(PartialResults.KEY_FILE)).as("a run that counted no name needs no key").doesNotExist();
    }

    @Test
    void racingJvmsAgreeOnOneKey() throws Exception {
        List<java.util.concurrent.Callable<String>> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> PartialResults.fingerprints(temp).of("x"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<String> fingerprints = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> f : pool.invokeAll(tasks)) {
                fingerprints.add(f.get());
            }
            assertThat(fingerprints).hasSize(16).containsOnly(fingerprints.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStartedFileOfAnotherVersionIsOneWarning() throws IOException {
        Files.writeString(temp.resolve(PartialResults.STARTED_PREFIX + "1-x.txt"), "telemetry-started 9\nplanned 3\n");

        RecordingLog log = new RecordingLog();
        assertThat(PartialResults.read(temp, log).unfinished()).isEmpty();
        assertThat(log.lines).singleElement().asString().startsWith("WARN Test telemetry: ignoring ").contains("1-x.txt");
    }

    @Test
    void aJvmThatDeliveredItselfIsSeenSinceItsBuildStarted() throws IOException {
        java.time.Instant buildStart = java.time.Instant.now().minusSeconds(5);
        assertThat(PartialResults.deliveredSince(temp.resolve("run"), buildStart)).isFalse();

        PartialResults.markDelivered(temp.resolve("run"), PartialResults.newSession());

        assertThat(PartialResults.deliveredSince(temp.resolve("run"), buildStart)).isTrue();
        assertThat(PartialResults.deliveredSince(temp.resolve("run"), java.time.Instant.now().plusSeconds(60)))
                .as("left by an earlier build").isFalse();
        assertThat(PartialResults.read(temp.resolve("run"), new RecordingLog())).isEqualTo(PartialResults.Run.NONE);
    }

    @Test
    void aRunDirThatIsAFileFailsToWrite() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> PartialResults.write(file, report(1))).isInstanceOf(IOException.class);
    }

    /** Every field set, strings that need escaping, nulls where the contract allows them. */
    private static Report full(Long voidTests, Metrics.Assertions assertions, Metrics.Coverage coverage) {
        Metrics metrics = new Metrics(7, 31, new Metrics.Tests(40, 30, 3, 2, 1, 1, 3, 2, voidTests), assertions, 5,
                2, coverage, 98_765, new Metrics.Memory(123_456_789L), 1);
        Environment environment = new Environment(new Environment.JavaRuntime("17.0.15", "Eclipse \"Adoptium\""),
                List.of(new Environment.Framework("junit-jupiter", "6.1.3"),
                        new Environment.Framework("odd\\name\n\t\u0001é", "1.0")),
                new Environment.TelemetryClient("0.1.0", "junit5"), new Environment.OperatingSystem("Linux", "6.1"),
                "amd64", null, new Environment.BuildTool("maven", null));
        return ReportBuilder.create(environment, new Project("v", "n", Anonymization.PROJECT)).metrics(metrics).build();
    }

    @Test
    void theStreamingWriterWritesWhatTheMapperWritesAndReadsBack() throws IOException {
        Metrics.Counter counter = new Metrics.Counter(3, 4);
        List<Report> reports = List.of(
                full(12L, Metrics.Assertions.of(50, 3), new Metrics.Coverage(counter, counter, counter, counter,
                        new Metrics.Counter(0, 0))),
                full(null, null, null),
                full(0L, Metrics.Assertions.of(0, 0), new Metrics.Coverage(counter, null, counter, null, counter)),
                ReportBuilder.create(new Environment(null, List.of(), null, null, null, null, null),
                        PartialResults.NO_PROJECT).build(),
                report(3));
        JsonMapper trees = JsonMapper.builder().build();
        for (Report report : reports) {
            byte[] streamed = PartialResults.json(report);

            assertThat(trees.readTree(streamed)).isEqualTo(trees.readTree(ReportJson.write(report)));
            assertThat(ReportJson.read(new String(streamed, java.nio.charset.StandardCharsets.UTF_8)))
                    .isEqualTo(report);
        }
        Path file = PartialResults.write(temp, reports.get(0));
        assertThat(PartialResults.readAll(temp, new RecordingLog())).containsExactly(reports.get(0));
        assertThat(Files.readAllBytes(file)).isEqualTo(PartialResults.json(reports.get(0)));
    }

    @Test
    void aPartialCarriesFingerprintsOfItsClassesAndMethodsNeverTheirNames() throws IOException {
        Path root = temp.resolve("run");
        Path first = root.resolve("surefire-default-test");
        Path second = root.resolve("surefire-again");
        PartialResults.shareKey(root, first);
        PartialResults.shareKey(root, second);
        Path file = PartialResults.write(first, PartialResults.newSession(), report(2),
                seen(first, "com.acme.SharedTest#one()", "com.acme.SharedTest#two()"));
        PartialResults.write(first, PartialResults.newSession(), report(2),
                seen(first, "com.acme.SharedTest#one()", "com.acme.OtherTest#x()"));
        PartialResults.write(second, PartialResults.newSession(), report(2),
                seen(second, "com.acme.SharedTest#one()", "com.acme.OtherTest#x()"));

        assertThat(Files.readString(file)).contains("\"fingerprints\"").doesNotContain("acme").doesNotContain("Test");
        PartialResults.Seen seen = PartialResults.read(first, new RecordingLog()).seen();
        assertThat(seen.classes()).hasSize(2).allMatch(fp -> fp.matches("[0-9a-f]{16}"));
        assertThat(seen.methods()).hasSize(3).allMatch(fp -> fp.matches("[0-9a-f]{32}"));
        PartialResults.Fingerprints fp = PartialResults.fingerprints(root);
        assertThat(seen.classes()).containsExactlyInAnyOrder(fp.of("com.acme.SharedTest"), fp.of("com.acme.OtherTest"));
        assertThat(seen.methods()).containsExactlyInAnyOrder(
                fp.of("com.acme.SharedTest") + fp.of("com.acme.SharedTest#one()"),
                fp.of("com.acme.SharedTest") + fp.of("com.acme.SharedTest#two()"),
                fp.of("com.acme.OtherTest") + fp.of("com.acme.OtherTest#x()"));
        assertThat(PartialResults.Seen.classOf(fp.of("com.acme.OtherTest") + fp.of("com.acme.OtherTest#x()")))
                .isEqualTo(fp.of("com.acme.OtherTest"));
        // the executions share the module's key: the same class has the same fingerprint in both
        assertThat(PartialResults.read(second, new RecordingLog()).seen().classes()).isSubsetOf(seen.classes());
        // the report part reads back unchanged
        assertThat(PartialResults.readAll(first, new RecordingLog())).hasSize(2).allMatch(r -> r.equals(report(2))
                || r.metrics().equals(report(2).metrics()));
    }

    @Test
    void namesCountedOnParallelThreadsGiveWellFormedFingerprintsEachOnce() throws Exception {
        Path dir = temp.resolve("parallel");
        PartialResults.SeenNames seen = new PartialResults.SeenNames(dir);
        Recorder recorder = new Recorder(false, seen);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<Void>> tasks = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> { // every thread counts the same 2,000 methods of 40 classes: each is new once
                    for (int m = 0; m < 2_000; m++) {
                        recorder.testStarted();
                        recorder.testFinished("com.acme.C" + m % 40, "com.acme.C" + m % 40 + "#m" + m + "()",
                                Outcome.PASSED, null);
                    }
                    return null;
                });
            }
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        PartialResults.write(dir, "parallel", report(1), seen);

        PartialResults.Seen read = PartialResults.read(dir, new RecordingLog()).seen();
        PartialResults.Fingerprints fp = PartialResults.fingerprints(dir);
        assertThat(read.classes()).hasSize(40).contains(fp.of("com.acme.C7"));
        assertThat(read.methods()).hasSize(2_000).contains(fp.of("com.acme.C7") + fp.of("com.acme.C7#m1847()"));
        var methods = JsonMapper.builder().build()
                .readTree(Files.readString(dir.resolve(PartialResults.PREFIX + "parallel" + PartialResults.SUFFIX)))
                .path("fingerprints").path("methods");
        assertThat(methods.size()).as("each method's entry written once, whole").isEqualTo(2_000);
        for (var entry : methods) {
            assertThat(entry.asString()).matches("[0-9a-f]{32}");
        }
    }

    /** The names a recorder told as it counted one passed test of each {@code class#method()}, twice. */
    private static PartialResults.SeenNames seen(Path runDir, String... methods) {
        PartialResults.SeenNames seen = new PartialResults.SeenNames(runDir);
        Recorder recorder = new Recorder(false, seen);
        for (int i = 0; i < 2; i++) {
            for (String method : methods) {
                recorder.testStarted();
                recorder.testFinished(method.substring(0, method.indexOf('#')), method, Outcome.PASSED, null);
            }
        }
        return seen;
    }

    @Test
    void sharingAKeyKeepsAnExecutionsOwnAndMalformedFingerprintsAreLeftOut() throws IOException {
        Path root = temp.resolve("run");
        Path own = Files.createDirectories(root.resolve("own"));
        String before = PartialResults.fingerprints(own).of("x");
        PartialResults.shareKey(root, own);
        assertThat(PartialResults.fingerprints(own).of("x")).as("a key already there stays").isEqualTo(before);

        String json = new String(PartialResults.json(report(1)), java.nio.charset.StandardCharsets.UTF_8);
        String odd = json.substring(0, json.length() - 1)
                + ",\"fingerprints\":{\"classes\":[\"0123456789abcdef\",\"com.acme.Name\",7],\"methods\":\"x\"}}";
        Files.writeString(own.resolve(PartialResults.PREFIX + "1-odd.json"), odd);
        PartialResults.Seen seen = PartialResults.read(own, new RecordingLog()).seen();
        assertThat(seen.classes()).containsExactly("0123456789abcdef");
        assertThat(seen.methods()).isEmpty();
    }
}
