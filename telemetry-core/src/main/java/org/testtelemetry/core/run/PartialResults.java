package org.testtelemetry.core.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apiguardian.api.API;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * The partial results that test JVMs leave in the Maven plugin's run directory ({@code telemetry.runDir}, one per
 * Surefire/Failsafe execution) instead of delivering a report themselves; the plugin reads them all back and
 * merges them into one report. This class is the one place the format is written, read and described.
 *
 * <p>Format version {@value #FORMAT_VERSION}. Each launcher session of each JVM is a <em>session</em> named
 * {@code <time>-<random>-<random>} (see {@link #newSession}) and leaves:
 * <ul>
 *   <li>{@code telemetry-started-<session>.txt}, written when its tests are about to run (rewritten when another
 *       test plan of the same session starts): the tests it plans, so the plugin knows what a JVM that dies
 *       never finished. Lines: {@code telemetry-started 2}, {@code planned <tests>}, then one
 *       {@code class <fingerprint> <tests>} per top-level test class;</li>
 *   <li>{@code telemetry-partial-<session>.json} when the session ends: a report in the JSON shape of schema v1
 *       (counts only), written by this class's own streaming writer ({@link #json}: a thin test JVM loads no JSON
 *       mapper) and read back with {@link ReportJson} in the plugin. Everything a merge needs is in it: the test
 *       counts (including {@code incomplete}: started but never finished, and {@code void} with the assertions
 *       when the agent counted them), distinct classes/methods of that JVM, {@code durationMs} and
 *       {@code createdAt} (its end), {@code peakHeapBytes}, the frameworks, the adapter and {@code forks = 1}. Its
 *       project is {@link #NO_PROJECT} and its environment carries only frameworks and the client: the plugin
 *       names the module, detects the environment and reads coverage from JaCoCo's exec files once. One member
 *       beyond the schema, {@code fingerprints}, holds the keyed fingerprints of the distinct classes
 *       ({@code "classes": [<class fp>, ...]}) and test methods ({@code "methods": [<class fp><method fp>, ...]}) the
 *       session counted, so the plugin counts a class or method that ran in two JVMs or executions once
 *       ({@link Seen}); it never leaves the run directory.</li>
 * </ul>
 * A session with a started file and no partial is a JVM that died. A Surefire test JVM that delivered its report
 * itself (no run directory) leaves an empty {@code telemetry-delivered-<session>} in the module's
 * {@code target/telemetry-run} instead, so the plugin's {@code report} goal does not send those tests again. Class names never appear in these files: a
 * fingerprint is SipHash-2-4 of the name's UTF-8 bytes (64 bits, hex), keyed by 16 random bytes created once per
 * run directory in {@code telemetry-fingerprint.key} (the plugin clears the directory before each build and copies
 * one module-wide key into each execution's directory before its forks start, {@link #shareKey}), so the plugin can
 * match them against Surefire's XML and nothing else can read them. Files are written with
 * {@link AtomicFiles}, so a reader never sees half a file.
 *
 * <pre>{@code
 * String session = PartialResults.newSession();                                  // in a test JVM
 * PartialResults.SeenNames seen = new PartialResults.SeenNames(runDir);          // the recorder's names go here
 * PartialResults.writeStarted(runDir, session, Map.of("com.acme.FooTest", 20L)); // at the start
 * PartialResults.write(runDir, session, report, seen);                           // ... and at its end
 * PartialResults.Run run = PartialResults.read(runDir, log);                     // in the Maven plugin
 * }</pre>
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public final class PartialResults {

    /** The version of the format above; a reader ignores started files of another version. */
    public static final int FORMAT_VERSION = 2;
    /** Every partial file's name starts with this. */
    public static final String PREFIX = "telemetry-partial-";
    /** Every partial file's name ends with this. */
    public static final String SUFFIX = ".json";
    /** The project of a thin fork's partial: a test JVM resolves no identity, the plugin does. */
    public static final Project NO_PROJECT = new Project(null, null, null);
    /** Every started file's name starts with this. */
    public static final String STARTED_PREFIX = "telemetry-started-";
    /** A test JVM that delivered its report itself leaves an empty file named so (see {@link #markDelivered}). */
    public static final String DELIVERED_PREFIX = "telemetry-delivered-";
    /** The fingerprint key's file in a run directory. */
    public static final String KEY_FILE = "telemetry-fingerprint.key";

    private static final String STARTED_SUFFIX = ".txt";
    private static final String STARTED_HEADER = "telemetry-started " + FORMAT_VERSION;
    private static final int KEY_BYTES = 16;

    private PartialResults() {
    }

    /**
     * What the test JVMs of one run directory left.
     *
     * @param finished   the reports of sessions that ended
     * @param unfinished sessions that started and never wrote their report: their JVM died
     * @param seen       the distinct classes and methods the finished sessions counted, as fingerprints
     */
    public record Run(List<Report> finished, List<Started> unfinished, Seen seen) {

        /** Nothing there. */
        public static final Run NONE = new Run(List.of(), List.of(), Seen.NONE);
    }

    /**
     * Distinct classes and test methods as keyed fingerprints: {@code classes} holds class fingerprints,
     * {@code methods} a method's class fingerprint followed by its own (so a method can be told by its class).
     */
    public record Seen(Set<String> classes, Set<String> methods) {

        /** Nothing seen. */
        public static final Seen NONE = new Seen(Set.of(), Set.of());

        /** Both sets' unions. */
        public Seen plus(Seen other) {
            if (other.classes.isEmpty() && other.methods.isEmpty()) {
                return this;
            }
            Set<String> c = new HashSet<>(classes);
            c.addAll(other.classes);
            Set<String> m = new HashSet<>(methods);
            m.addAll(other.methods);
            return new Seen(c, m);
        }

        /** The class fingerprint of one of {@link #methods()}' entries. */
        public static String classOf(String methodEntry) {
            return methodEntry.substring(0, methodEntry.length() / 2);
        }
    }

    /**
     * A session's plan, as its started file says.
     *
     * @param planned      tests it was about to run
     * @param plannedByClass tests planned per top-level class fingerprint
     */
    public record Started(String session, long planned, Map<String, Long> plannedByClass) {
    }

    /**
     * A version-4 UUID for a thin fork's partial, unique among the JVMs of a run directory; it never leaves the machine
     * (the plugin's module report has its own id), so it needs no SecureRandom, whose set-up costs a fork ~40 ms.
     */
    public static UUID localId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xf000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xc000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /**
     * A new session name for this JVM: {@code <time>-<random>-<random>}, unique among the JVMs sharing a run
     * directory: 128 bits of {@link ThreadLocalRandom}, seeded apart in each JVM (not a random UUID: its SecureRandom
     * costs a thin fork ~40 ms of CPU to set up; not the process id: {@code ProcessHandle} starts a reaper thread
     * pool, ~10 ms where the launcher has not, issue 15).
     */
    public static String newSession() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(System.currentTimeMillis()) + "-" + Long.toHexString(random.nextLong()) + "-"
                + Long.toHexString(random.nextLong());
    }

    /**
     * Writes a session's started file: the tests it is about to run, by class name (fingerprinted here).
     *
     * @throws IOException when the folder or file cannot be written (callers are fail-open)
     */
    public static Path writeStarted(Path runDir, String session, Map<String, Long> plannedByClassName)
            throws IOException {
        createDirectory(runDir);
        Fingerprints fingerprints = fingerprints(runDir);
        Map<String, Long> byFingerprint = new LinkedHashMap<>();
        long planned = 0;
        for (Map.Entry<String, Long> e : plannedByClassName.entrySet()) {
            add(byFingerprint, fingerprints.of(topLevel(e.getKey())), e.getValue());
            planned += e.getValue();
        }
        StringBuilder text = new StringBuilder(STARTED_HEADER).append('\n')
                .append("planned ").append(planned).append('\n');
        for (Map.Entry<String, Long> e : byFingerprint.entrySet()) { // loops, not lambdas: written by test JVMs
            text.append("class ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        return writeAtomically(runDir, STARTED_PREFIX + session + STARTED_SUFFIX,
                text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Adds {@code n} to {@code key}'s count; {@code merge(key, n, Long::sum)} without the lambda, which a test JVM
     * sets up cold at its first call (issue 15).
     */
    static void add(Map<String, Long> counts, String key, long n) {
        Long before = counts.get(key);
        counts.put(key, before == null ? n : before + n);
    }

    /**
     * Writes {@code report} as this JVM's partial result in {@code runDir} (created if needed), atomically,
     * for a session that wrote no started file.
     *
     * @return the file written
     * @throws IOException when the folder or file cannot be written (callers are fail-open)
     */
    public static Path write(Path runDir, Report report) throws IOException {
        return write(runDir, ProcessHandle.current().pid() + "-" + report.id(), report);
    }

    /** Writes {@code report} as the partial result of {@code session}, atomically. */
    public static Path write(Path runDir, String session, Report report) throws IOException {
        return write(runDir, session, report, null);
    }

    /**
     * Writes {@code report} as the partial result of {@code session}, atomically, with the fingerprints of the
     * classes and methods its recorder named ({@code seen}).
     *
     * @param seen the names the run's recorder was given, fingerprinted as they came; null for no fingerprints
     * @throws IOException also when {@code seen} could not read the run directory's key
     */
    public static Path write(Path runDir, String session, Report report, SeenNames seen) throws IOException {
        createDirectory(runDir);
        byte[] json;
        if (seen == null) {
            json = json(report, null, null);
        } else {
            synchronized (seen) {
                if (seen.failure != null) {
                    throw seen.failure;
                }
                json = json(report, seen.classes, seen.methods);
            }
        }
        return writeAtomically(runDir, PREFIX + session + SUFFIX, json);
    }

    /**
     * The distinct classes and test methods a recorder counts, fingerprinted as it first counts each (given to its
     * {@link Recorder#Recorder(boolean, Recorder.NameVisitor) constructor}), kept as the text of the partial's
     * {@code fingerprints} arrays: a class's fingerprint is computed once, a method's entry is its class's followed
     * by its own. Fingerprinting during the run rather than at its end keeps a 10,000-method JVM's end short, and the
     * per-name work compiled (issue 15). Thread-safe. The run directory's key is read at the first name; when it
     * cannot be, fingerprinting stops and {@link #write} reports why.
     */
    public static final class SeenNames implements Recorder.NameVisitor {
        private final Path runDir;
        private Fingerprints fingerprints;
        private IOException failure;
        private final Map<String, String> classFingerprints = new HashMap<>();
        private final StringBuilder classes = new StringBuilder();
        private final StringBuilder methods = new StringBuilder();

        /** Fingerprints with {@code runDir}'s key (created there when missing, see {@link #fingerprints}). */
        public SeenNames(Path runDir) {
            this.runDir = runDir;
        }

        @Override
        public synchronized void visitClass(String name) {
            if (ready()) {
                element(classes).append(classFingerprint(name)).append('"');
            }
        }

        @Override
        public synchronized void visitMethod(String name, String className) {
            if (ready()) {
                fingerprints.append(element(methods).append(classFingerprint(className)), name).append('"');
            }
        }

        private boolean ready() {
            if (fingerprints == null && failure == null) {
                try {
                    createDirectory(runDir);
                    fingerprints = PartialResults.fingerprints(runDir);
                } catch (IOException e) {
                    failure = e;
                }
            }
            return failure == null;
        }

        private static StringBuilder element(StringBuilder array) {
            return array.append(array.length() == 0 ? "\"" : ",\"");
        }

        private String classFingerprint(String className) {
            String fingerprint = classFingerprints.get(className);
            if (fingerprint == null) {
                fingerprint = fingerprints.of(className);
                classFingerprints.put(className, fingerprint);
            }
            return fingerprint;
        }
    }

    /**
     * Gives {@code runDir} the fingerprint key of {@code runRoot} (created there when missing) unless it has one:
     * the Maven plugin calls it before an execution's forks start, so every execution of a module fingerprints
     * names alike and a class run by two executions is counted once.
     *
     * @throws IOException when a folder or the key cannot be written (callers are fail-open)
     */
    public static void shareKey(Path runRoot, Path runDir) throws IOException {
        Files.createDirectories(runRoot);
        Files.createDirectories(runDir);
        fingerprints(runRoot);
        Path target = runDir.resolve(KEY_FILE);
        if (readKey(target) == null) {
            Path temp = Files.createTempFile(runDir, ".telemetry-", ".tmp");
            try {
                Files.copy(runRoot.resolve(KEY_FILE), temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Creates {@code runDir} unless it is there (checked with java.io: a test JVM has its classes loaded already). */
    private static void createDirectory(Path runDir) throws IOException {
        if (!runDir.toFile().isDirectory()) {
            Files.createDirectories(runDir);
        }
    }

    private static Path writeAtomically(Path runDir, String name, byte[] content) throws IOException {
        Path target = runDir.resolve(name);
        AtomicFiles.writeUnflushed(target, content); // read back by the plugin in this build: no disk sync
        return target;
    }

    /**
     * Records that a session delivered its report itself (no plugin merging the forks): an empty
     * {@code telemetry-delivered-<session>} file, so the Maven plugin's {@code report} goal does not report the
     * same tests again.
     */
    public static void markDelivered(Path dir, String session) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(DELIVERED_PREFIX + session), new byte[0]);
    }

    /** Whether a test JVM delivered its own report into {@code dir} since {@code since} (see {@link #markDelivered}). */
    public static boolean deliveredSince(Path dir, java.time.Instant since) {
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, DELIVERED_PREFIX + "*")) {
            for (Path file : files) {
                if (since == null || !Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /**
     * {@code report} as JSON, field for field what {@link ReportJson} writes and reads (nulls included), without a
     * JSON mapper: a thin fork's end of run costs microseconds instead of loading Jackson's databind.
     */
    static byte[] json(Report report) {
        return json(report, null, null);
    }

    /**
     * As {@link #json(Report)}, with the {@code fingerprints} member when either array holds any.
     *
     * @param classes the class fingerprints as the elements of a JSON array (quoted, comma-separated), or null
     * @param methods the method entries likewise, or null
     */
    private static byte[] json(Report report, CharSequence classes, CharSequence methods) {
        Json out = new Json();
        out.open().field("schemaVersion", report.schemaVersion())
                .field("id", report.id().toString())
                .field("createdAt", instant(report.createdAt()));
        Project p = report.project();
        out.name("project").open().field("vendor", p.vendor()).field("name", p.name())
                .field("anonymized", p.anonymized() == null ? null : p.anonymized().id()).close();
        Environment e = report.environment();
        out.name("environment").open().name("java");
        if (e.java() == null) {
            out.nul();
        } else {
            out.open().field("version", e.java().version()).field("vendor", e.java().vendor()).close();
        }
        out.name("frameworks").raw('[');
        boolean first = true;
        for (Environment.Framework f : e.frameworks()) {
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.open().field("name", f.name()).field("version", f.version()).close();
        }
        out.raw(']').name("telemetry");
        if (e.telemetry() == null) {
            out.nul();
        } else {
            out.open().field("version", e.telemetry().version()).field("adapter", e.telemetry().adapter()).close();
        }
        out.name("os");
        if (e.os() == null) {
            out.nul();
        } else {
            out.open().field("name", e.os().name()).field("version", e.os().version()).close();
        }
        out.field("arch", e.arch()).field("ci", e.ci()).name("buildTool");
        if (e.buildTool() == null) {
            out.nul();
        } else {
            out.open().field("name", e.buildTool().name()).field("version", e.buildTool().version()).close();
        }
        out.close();
        Metrics m = report.metrics();
        Metrics.Tests t = m.tests();
        out.name("metrics").open().field("classes", m.classes()).field("methods", m.methods())
                .name("tests").open().field("total", t.total()).field("passed", t.passed())
                .field("failed", t.failed()).field("errored", t.errored()).field("skipped", t.skipped())
                .field("aborted", t.aborted()).field("incomplete", t.incomplete()).field("flaky", t.flaky())
                .field("void", t.voidTests()).close()
                .name("assertions");
        if (m.assertions() == null) {
            out.nul();
        } else {
            out.open().field("total", m.assertions().total()).field("passed", m.assertions().passed())
                    .field("failed", m.assertions().failed()).close();
        }
        out.field("exceptions", m.exceptions()).field("errors", m.errors()).name("coverage");
        Metrics.Coverage c = m.coverage();
        if (c == null) {
            out.nul();
        } else {
            out.open();
            counter(out, "line", c.line());
            counter(out, "branch", c.branch());
            counter(out, "instruction", c.instruction());
            counter(out, "method", c.method());
            counter(out, "complexity", c.complexity());
            out.close();
        }
        out.field("durationMs", m.durationMs()).name("memory").open()
                .field("peakHeapBytes", m.memory().peakHeapBytes()).close()
                .field("forks", m.forks()).close();
        if (classes != null && methods != null && (classes.length() > 0 || methods.length() > 0)) {
            out.name("fingerprints").open().array("classes", classes).array("methods", methods).close();
        }
        return out.close().bytes();
    }

    private static void counter(Json out, String name, Metrics.Counter counter) {
        out.name(name);
        if (counter == null) {
            out.nul();
        } else {
            out.open().field("covered", counter.covered()).field("missed", counter.missed()).close();
        }
    }

    /**
     * {@code time.toString()} (ISO-8601 in UTC, e.g. {@code 2026-11-30T11:05:12.345Z}), written by hand for the
     * millisecond times of reports in years 1970 to 9999 (any other time is left to {@code toString()}): the
     * JDK's formatter loads and sets up about 45 classes in a test JVM that has no other use for them.
     */
    static String instant(java.time.Instant time) {
        long seconds = time.getEpochSecond();
        int nanos = time.getNano();
        if (seconds < 0 || seconds >= 253_402_300_800L || nanos % 1_000_000 != 0) {
            return time.toString();
        }
        // the proleptic Gregorian date of a day number, counted in 400-year eras that start on 1 March 0000
        long shifted = seconds / 86_400 + 719_468;
        long era = shifted / 146_097;
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        long month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        int secondOfDay = (int) (seconds % 86_400);
        StringBuilder text = new StringBuilder(24);
        digits(text, year, 4).append('-');
        digits(text, month, 2).append('-');
        digits(text, day, 2).append('T');
        digits(text, secondOfDay / 3_600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        if (nanos != 0) {
            digits(text.append('.'), nanos / 1_000_000, 3);
        }
        return text.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder text, long value, int width) {
        String number = Long.toString(value);
        for (int pad = number.length(); pad < width; pad++) {
            text.append('0');
        }
        return text.append(number);
    }

    /** A minimal streaming writer for the fixed shape above: objects, names, strings, numbers and null. */
    private static final class Json {
        private final StringBuilder text = new StringBuilder(1024);
        /** Whether the current object needs a comma before its next member. */
        private boolean member;

        Json raw(char c) {
            text.append(c);
            member = c != '[';
            return this;
        }

        Json open() {
            text.append('{');
            member = false;
            return this;
        }

        Json close() {
            text.append('}');
            member = true;
            return this;
        }

        Json name(String name) {
            if (member) {
                text.append(',');
            }
            string(name);
            text.append(':');
            member = false;
            return this;
        }

        Json nul() {
            text.append("null");
            member = true;
            return this;
        }

        Json field(String name, String value) {
            name(name);
            if (value == null) {
                return nul();
            }
            string(value);
            member = true;
            return this;
        }

        Json field(String name, Long value) {
            name(name);
            if (value == null) {
                return nul();
            }
            text.append(value.longValue());
            member = true;
            return this;
        }

        Json field(String name, long value) {
            name(name);
            text.append(value);
            member = true;
            return this;
        }

        /** An array whose elements are already JSON text, comma-separated. */
        Json array(String name, CharSequence elements) {
            name(name);
            text.append('[').append(elements).append(']');
            member = true;
            return this;
        }

        private void string(String value) {
            text.append('"');
            int plain = 0; // most strings (names, fingerprints) need no escape: appended whole
            while (plain < value.length() && value.charAt(plain) >= 0x20 && value.charAt(plain) != '"'
                    && value.charAt(plain) != '\\') {
                plain++;
            }
            text.append(value, 0, plain);
            for (int i = plain; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            text.append(String.format("\\u%04x", (int) c));
                        } else {
                            text.append(c);
                        }
                    }
                }
            }
            text.append('"');
        }

        byte[] bytes() {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Every partial result in {@code runDir}, in file-name order. A missing folder is an empty list; a file
     * that is not a report is skipped with one warning line naming it.
     */
    public static List<Report> readAll(Path runDir, TelemetryLog log) {
        return read(runDir, log).finished();
    }

    /** The finished sessions' reports and the sessions whose JVM died; never throws. */
    public static Run read(Path runDir, TelemetryLog log) {
        if (runDir == null || !Files.isDirectory(runDir)) {
            return Run.NONE;
        }
        List<Path> files = new ArrayList<>();
        List<Path> started = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runDir, "telemetry-*")) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                    files.add(file);
                } else if (name.startsWith(STARTED_PREFIX) && name.endsWith(STARTED_SUFFIX)) {
                    started.add(file);
                }
            }
        } catch (IOException e) {
            log.warn("Test telemetry: cannot list the partial results in " + runDir + ": " + e.getMessage());
            return Run.NONE;
        }
        files.sort(null);
        started.sort(null);
        List<Report> reports = new ArrayList<>(files.size());
        Seen seen = Seen.NONE;
        for (Path file : files) {
            try {
                byte[] content = Files.readAllBytes(file);
                reports.add(ReportJson.read(new ByteArrayInputStream(content)));
                seen = seen.plus(SeenJson.read(content));
            } catch (IOException | RuntimeException e) {
                log.warn("Test telemetry: ignoring " + file + ": not a readable partial result ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        List<Started> unfinished = new ArrayList<>();
        for (Path file : started) {
            String name = file.getFileName().toString();
            String session = name.substring(STARTED_PREFIX.length(), name.length() - STARTED_SUFFIX.length());
            if (Files.exists(runDir.resolve(PREFIX + session + SUFFIX))) {
                continue;
            }
            Started s = readStarted(file, session);
            if (s == null) {
                log.warn("Test telemetry: ignoring " + file + ": not a readable started file");
            } else {
                unfinished.add(s);
            }
        }
        return new Run(List.copyOf(reports), List.copyOf(unfinished), seen);
    }

    private static Started readStarted(Path file, String session) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() < 2 || !lines.get(0).equals(STARTED_HEADER) || !lines.get(1).startsWith("planned ")) {
                return null;
            }
            long planned = Long.parseLong(lines.get(1).substring("planned ".length()).trim());
            Map<String, Long> byClass = new LinkedHashMap<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 3 && parts[0].equals("class")) {
                    byClass.merge(parts[1], Long.parseLong(parts[2]), Long::sum);
                } else if (!line.isBlank()) {
                    return null;
                }
            }
            return new Started(session, planned, Map.copyOf(byClass));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The top-level class of a (nested) class name: Surefire writes one report per top-level class. */
    public static String topLevel(String className) {
        int dollar = className == null ? -1 : className.indexOf('$');
        return dollar > 0 ? className.substring(0, dollar) : className;
    }

    /**
     * The fingerprints of a run directory, creating its key when it has none yet (several JVMs may race: the
     * first key written wins and all use it).
     *
     * @throws IOException when the key can neither be read nor created
     */
    public static Fingerprints fingerprints(Path runDir) throws IOException {
        Path file = runDir.resolve(KEY_FILE);
        for (int attempt = 0; attempt < 50; attempt++) {
            byte[] key = readKey(file);
            if (key != null) {
                return new Fingerprints(key);
            }
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                KeyRandom.RANDOM.nextBytes(fresh);
                Path temp = Files.createTempFile(runDir, ".telemetry-", ".tmp");
                try {
                    Files.writeString(temp, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
                    // a hard link appears complete and fails if the key exists, so racing JVMs agree on one
                    Files.createLink(file, temp);
                    return new Fingerprints(fresh);
                } catch (FileAlreadyExistsException e) {
                    // another JVM won: read its key
                } catch (UnsupportedOperationException | IOException e) {
                    try {
                        Files.write(file, HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII),
                                StandardOpenOption.CREATE_NEW);
                        return new Fingerprints(fresh);
                    } catch (FileAlreadyExistsException lost) {
                        // another JVM won
                    }
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            try {
                Thread.sleep(2); // the winner's key is being written
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("no readable fingerprint key in " + runDir);
    }

    /**
     * The key in {@code file}, or null when there is none or it is not {@value #KEY_BYTES} bytes in lowercase hex.
     * Read with {@code java.io} and parsed by hand: a test JVM reads it, and NIO's channel classes and a regex
     * cost it a few milliseconds cold (issue 15).
     */
    private static byte[] readKey(Path file) {
        byte[] text;
        try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            text = in.readNBytes(2 * KEY_BYTES + 3); // the digits and at most an end of line: more is not a key
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int length = text.length == 2 * KEY_BYTES + 3 ? 0 : text.length;
        while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r' || text[length - 1] == ' ')) {
            length--;
        }
        if (length != 2 * KEY_BYTES) {
            return null;
        }
        byte[] key = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            int high = hexDigit(text[2 * i]);
            int low = hexDigit(text[2 * i + 1]);
            if (high < 0 || low < 0) {
                return null;
            }
            key[i] = (byte) (high << 4 | low);
        }
        return key;
    }

    /** A lowercase hex digit's value, or -1. */
    private static int hexDigit(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** Created only where a key is (the plugin, or a fork without one): a fork that reads the key never loads it. */
    private static final class KeyRandom {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /**
     * Keyed fingerprints of names: equal names give equal fingerprints under one key, nothing else shows. SipHash-2-4
     * (Aumasson and Bernstein), a keyed pseudo-random function made for short inputs, rather than HMAC-SHA256: the
     * JCA provider set-up behind {@code Mac} cost every thin fork ~100 ms of CPU (issue 15), and these values never
     * leave the run directory.
     */
    public static final class Fingerprints {

        private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

        private final long k0;
        private final long k1;

        Fingerprints(byte[] key) {
            this.k0 = littleEndian(key, 0, 8);
            this.k1 = littleEndian(key, 8, 8);
        }

        /** SipHash-2-4 of {@code name}'s UTF-8 bytes, as 16 hex digits. */
        public String of(String name) {
            return append(new StringBuilder(16), name).toString();
        }

        /** Appends {@link #of}'s 16 hex digits to {@code text}, without a String of its own. */
        StringBuilder append(StringBuilder text, String name) {
            long hash = sipHash24(String.valueOf(name).getBytes(StandardCharsets.UTF_8));
            char[] hex = new char[16];
            for (int i = 15; i >= 0; i--, hash >>>= 4) {
                hex[i] = HEX_DIGITS[(int) hash & 0xf];
            }
            return text.append(hex); // one append, not 16: this runs cold, once per name (issue 15)
        }

        /**
         * SipHash-2-4 of {@code m}: two rounds per 8-byte little-endian word (the last one holds the length and the
         * remaining bytes), then four. Written as one method on locals, without a call per round or word: a thin fork
         * hashes each of up to 10,000 names once, mostly before the JIT has compiled this (issue 15).
         */
        long sipHash24(byte[] m) {
            long v0 = 0x736f6d6570736575L ^ k0;
            long v1 = 0x646f72616e646f6dL ^ k1;
            long v2 = 0x6c7967656e657261L ^ k0;
            long v3 = 0x7465646279746573L ^ k1;
            int n = m.length;
            int whole = n & ~7;
            for (int i = 0; i <= whole + 8; i += 8) {
                long word = 0; // after the last word: the finalization, four rounds
                int rounds = 4;
                if (i < whole) {
                    word = (m[i] & 0xffL) | (m[i + 1] & 0xffL) << 8 | (m[i + 2] & 0xffL) << 16
                            | (m[i + 3] & 0xffL) << 24 | (m[i + 4] & 0xffL) << 32 | (m[i + 5] & 0xffL) << 40
                            | (m[i + 6] & 0xffL) << 48 | (m[i + 7] & 0xffL) << 56;
                    rounds = 2;
                } else if (i == whole) {
                    word = (long) n << 56;
                    for (int b = whole; b < n; b++) {
                        word |= (m[b] & 0xffL) << (8 * (b - whole));
                    }
                    rounds = 2;
                } else {
                    v2 ^= 0xff;
                }
                v3 ^= word;
                for (int r = 0; r < rounds; r++) { // rotations written out: no call while interpreted
                    v0 += v1;
                    v1 = (v1 << 13 | v1 >>> 51) ^ v0;
                    v0 = v0 << 32 | v0 >>> 32;
                    v2 += v3;
                    v3 = (v3 << 16 | v3 >>> 48) ^ v2;
                    v0 += v3;
                    v3 = (v3 << 21 | v3 >>> 43) ^ v0;
                    v2 += v1;
                    v1 = (v1 << 17 | v1 >>> 47) ^ v2;
                    v2 = v2 << 32 | v2 >>> 32;
                }
                v0 ^= word;
            }
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private static long littleEndian(byte[] bytes, int from, int count) {
            long word = 0;
            for (int i = count - 1; i >= 0; i--) {
                word = (word << 8) | (bytes[from + i] & 0xffL);
            }
            return word;
        }
    }
}
