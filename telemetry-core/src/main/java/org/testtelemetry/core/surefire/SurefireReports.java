package org.testtelemetry.core.surefire;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apiguardian.api.API;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.report.Metrics;

/**
 * Counts a run from the XML reports Maven Surefire and Failsafe write ({@code TEST-*.xml}), by DESIGN.md's rules:
 * one {@code <testcase>} is one test; {@code <failure>} (an assertion) is failed, {@code <error>} (any other
 * throwable) is errored, {@code <skipped>} is skipped — or aborted when it records a failed assumption; a test
 * that passes after {@code <flakyFailure>}/{@code <flakyError>} reruns is passed and flaky, one whose reruns all
 * failed ({@code <rerunFailure>}/{@code <rerunError>}) is failed or errored once.
 *
 * <p>Streaming (StAX): memory stays constant whatever the number of files and test cases — output captured in
 * {@code <system-out>} is skipped, never held — except for the distinct class names of the run and a 64-bit hash
 * of each distinct method, which the {@code classes}/{@code methods} counts need (a class whose methods are in two
 * files, e.g. run by two executions, counts each method once). A file that
 * is not well-formed XML counts for nothing and costs one warning line.
 *
 * <pre>{@code
 * List<Path> files = SurefireReports.find(List.of(target.resolve("surefire-reports"), target.resolve("failsafe-reports")));
 * SurefireReports.Totals totals = SurefireReports.read(files, log);
 * Metrics metrics = totals.toMetrics(coverage, totals.timeMs(), null, 1);
 * }</pre>
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public final class SurefireReports {

    /** The report files' glob, as Surefire names them. */
    public static final String FILE_GLOB = "TEST-*.xml";

    private static final String ASSUMPTION_PREFIX = "assumption failed";

    private static final XMLInputFactory FACTORY = newFactory();

    private SurefireReports() {
    }

    /**
     * The {@code TEST-*.xml} files directly in each folder, sorted; missing folders are skipped. Sub-folders are
     * not searched: TestNG copies its own results to {@code junitreports/}, which would count every test twice.
     */
    public static List<Path> find(Collection<Path> dirs) {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, FILE_GLOB)) {
                for (Path file : stream) {
                    if (Files.isRegularFile(file)) {
                        files.add(file);
                    }
                }
            } catch (IOException e) {
                // an unreadable folder is like a missing one; read() reports unreadable files
            }
        }
        files.sort(null);
        return files;
    }

    /** Counts every file; one that cannot be read or parsed is skipped with one warning line. Never throws. */
    public static Totals read(Collection<Path> files, TelemetryLog log) {
        Tally run = new Tally();
        Set<String> classes = new HashSet<>();
        Set<Long> methods = new HashSet<>();
        int unreadable = 0;
        for (Path file : files) {
            Tally one = new Tally();
            Set<String> fileClasses = new HashSet<>();
            Set<Long> fileMethods = new HashSet<>();
            try (InputStream in = Files.newInputStream(file)) {
                parse(in, one, fileClasses, fileMethods);
            } catch (IOException | XMLStreamException | RuntimeException e) {
                unreadable++;
                log.warn("Test telemetry: ignoring " + file.getFileName() + ", not a readable Surefire report ("
                        + e.getClass().getSimpleName() + ")");
                continue;
            }
            run.add(one);
            classes.addAll(fileClasses);
            methods.addAll(fileMethods);
        }
        run.methods = methods.size();
        return run.totals(classes.size(), files.size() - unreadable, unreadable);
    }

    /**
     * The distinct classes and methods of these files as keyed fingerprints, in the shape of the partial results'
     * ({@link PartialResults.Seen}): a class is its {@code classname}, a method its class and its name with the
     * invocation folded ({@code name[2]} is {@code name}). A file that cannot be read counts for nothing.
     */
    public static PartialResults.Seen seen(Collection<Path> files, PartialResults.Fingerprints fingerprints) {
        Map<String, Set<String>> methodsByClass = new HashMap<>();
        forEachTestcase(files, (type, name) -> methodsByClass.computeIfAbsent(type == null ? "" : type,
                c -> new HashSet<>()).add(methodName(name)));
        Set<String> classes = new HashSet<>();
        Set<String> methods = new HashSet<>();
        methodsByClass.forEach((type, names) -> {
            String classFp = fingerprints.of(type);
            if (!type.isEmpty()) {
                classes.add(classFp);
            }
            for (String name : names) {
                methods.add(classFp + fingerprints.of(type + '#' + name));
            }
        });
        return new PartialResults.Seen(classes, methods);
    }

    /**
     * The {@code <testcase>} elements of these files by top-level class ({@code classname} up to a {@code $}):
     * what reached the XML of each class, which the Maven plugin compares with what a dead JVM planned. A file
     * that cannot be read counts for nothing ({@link #read} already said so).
     */
    public static Map<String, Long> casesPerClass(Collection<Path> files) {
        Map<String, Long> out = new HashMap<>();
        forEachTestcase(files, (type, name) -> {
            if (type != null) {
                int dollar = type.indexOf('$');
                out.merge(dollar > 0 ? type.substring(0, dollar) : type, 1L, Long::sum);
            }
        });
        return out;
    }

    /**
     * Each {@code <testcase>}'s {@code classname} and {@code name} (either may be null) in these files, streamed; a
     * file that cannot be read counts for nothing, like in {@link #read}.
     */
    private static void forEachTestcase(Collection<Path> files, BiConsumer<String, String> testcase) {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
                try {
                    while (xml.hasNext()) {
                        if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("testcase")) {
                            testcase.accept(xml.getAttributeValue(null, "classname"),
                                    xml.getAttributeValue(null, "name"));
                        }
                    }
                } finally {
                    xml.close();
                }
            } catch (IOException | XMLStreamException | RuntimeException e) {
                // counted as nothing
            }
        }
    }

    /**
     * The wall time of the test runs that wrote these files: from the first suite's start to the last suite's end.
     * A suite ends when its file was written (Surefire writes it as the class finishes; a {@code timestamp}
     * attribute, as other tools write, is its start when present) and starts {@code time} seconds earlier.
     * 0 when no file can be read.
     */
    public static long wallClockMs(Collection<Path> files) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
                try {
                    while (xml.hasNext()) {
                        if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                            if (!xml.getLocalName().equals("testsuite")) {
                                break;
                            }
                            long timeMs = seconds(xml.getAttributeValue(null, "time"));
                            long end = Files.getLastModifiedTime(file).toMillis();
                            long start = end - timeMs;
                            String stamp = xml.getAttributeValue(null, "timestamp");
                            if (stamp != null && !stamp.isBlank()) {
                                try {
                                    start = java.time.LocalDateTime.parse(stamp.trim())
                                            .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
                                    end = start + timeMs;
                                } catch (java.time.format.DateTimeParseException e) {
                                    // keep the file's time
                                }
                            }
                            first = Math.min(first, start);
                            last = Math.max(last, end);
                            break;
                        }
                    }
                } finally {
                    xml.close();
                }
            } catch (IOException | XMLStreamException | RuntimeException e) {
                // counted as nothing, like in read()
            }
        }
        return first == Long.MAX_VALUE ? 0 : Math.max(0, last - first);
    }

    /**
     * Counts one report read from {@code in} (not closed).
     *
     * @throws XMLStreamException when it is not well-formed XML
     */
    public static Totals read(InputStream in) throws XMLStreamException {
        Tally one = new Tally();
        Set<String> classes = new HashSet<>();
        Set<Long> methods = new HashSet<>();
        parse(in, one, classes, methods);
        one.methods = methods.size();
        return one.totals(classes.size(), 1, 0);
    }

    private static void parse(InputStream in, Tally tally, Set<String> classes, Set<Long> methods)
            throws XMLStreamException {
        XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
        try {
            Case current = null;
            int depthInCase = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (current != null) {
                        depthInCase++;
                        if (depthInCase == 1) {
                            current.child(name, xml);
                        }
                    } else if (name.equals("testcase")) {
                        current = new Case(xml.getAttributeValue(null, "classname"), xml.getAttributeValue(null, "name"));
                        depthInCase = 0;
                    } else if (name.equals("testsuite")) {
                        tally.timeMs += seconds(xml.getAttributeValue(null, "time"));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && current != null) {
                    if (depthInCase == 0) {
                        tally.count(current);
                        if (current.className != null && !current.className.isEmpty()) {
                            classes.add(current.className);
                        }
                        methods.add(hash64(current.className + '#' + methodName(current.name)));
                        current = null;
                    } else {
                        depthInCase--;
                    }
                }
            }
        } finally {
            xml.close();
        }
    }

    /** FNV-1a, 64 bits: a method name's stand-in in memory (collisions are negligible below billions of methods). */
    private static long hash64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hash = (hash ^ (c & 0xff)) * 0x100000001b3L;
            hash = (hash ^ (c >>> 8)) * 0x100000001b3L;
        }
        return hash;
    }

    /** A parameterized, repeated or dynamic invocation ({@code name[3]}, {@code name(int)[1]}) is its method's. */
    static String methodName(String testName) {
        if (testName == null) {
            return "";
        }
        int bracket = testName.indexOf('[');
        return bracket > 0 ? testName.substring(0, bracket) : testName;
    }

    private static long seconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            // Surefire before 3.0 wrote locale-formatted times such as "1,234.5"
            double s = Double.parseDouble(value.replace(",", "").trim());
            return s > 0 && Double.isFinite(s) ? Math.round(s * 1000) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether a {@code <skipped>} records a failed assumption: Surefire 3 names the exception type
     * ({@code TestAbortedException}, JUnit 4's {@code AssumptionViolatedException}); older reports only the message.
     */
    static boolean isAssumption(String type, String message) {
        if (type != null && (type.endsWith("TestAbortedException") || type.endsWith("AssumptionViolatedException"))) {
            return true;
        }
        return message != null && message.trim().toLowerCase(Locale.ROOT).startsWith(ASSUMPTION_PREFIX);
    }

    /** Whether a throwable's class name names a {@link Error} (by Java's naming convention), not an assertion. */
    static boolean isJavaError(String type) {
        if (type == null) {
            return false;
        }
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.endsWith("Error") && !simple.contains("Assertion") && !simple.equals("AssertionFailedError");
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // Reports are data: no DTDs, no external entities, no entity expansion.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** What one {@code <testcase>} said about itself. */
    private static final class Case {
        final String className;
        final String name;
        boolean failure;
        boolean error;
        String errorType;
        boolean skipped;
        boolean assumption;
        boolean flaky;

        Case(String className, String name) {
            this.className = className;
            this.name = name;
        }

        void child(String element, XMLStreamReader xml) {
            switch (element) {
                case "failure" -> failure = true;
                case "error" -> {
                    error = true;
                    errorType = xml.getAttributeValue(null, "type");
                }
                case "skipped" -> {
                    skipped = true;
                    assumption = isAssumption(xml.getAttributeValue(null, "type"), xml.getAttributeValue(null, "message"));
                }
                case "flakyFailure", "flakyError" -> flaky = true;
                default -> {
                    // rerunFailure/rerunError only repeat the final outcome; system-out/err are output
                }
            }
        }
    }

    private static final class Tally {
        long total;
        long passed;
        long failed;
        long errored;
        long skipped;
        long aborted;
        long flaky;
        long exceptions;
        long errors;
        long methods;
        long timeMs;

        void count(Case c) {
            total++;
            if (c.failure) {
                failed++;
            } else if (c.error) {
                errored++;
                exceptions++;
                if (isJavaError(c.errorType)) {
                    errors++;
                }
            } else if (c.skipped) {
                if (c.assumption) {
                    aborted++;
                } else {
                    skipped++;
                }
            } else {
                passed++;
                if (c.flaky) {
                    flaky++;
                }
            }
        }

        void add(Tally o) {
            total += o.total;
            passed += o.passed;
            failed += o.failed;
            errored += o.errored;
            skipped += o.skipped;
            aborted += o.aborted;
            flaky += o.flaky;
            exceptions += o.exceptions;
            errors += o.errors;
            methods += o.methods;
            timeMs += o.timeMs;
        }

        Totals totals(long classes, int files, int unreadable) {
            Metrics.Tests tests = new Metrics.Tests(total, passed, failed, errored, skipped, aborted, 0, flaky);
            return new Totals(tests, classes, methods, exceptions, errors, timeMs, files, unreadable);
        }
    }

    /**
     * What the XML reports of a run say.
     *
     * @param tests      outcome counts; {@code incomplete} is always 0 (the XML only holds finished tests)
     * @param classes    distinct test classes ({@code classname})
     * @param methods    distinct test methods, invocations folded ({@code name[1]}, {@code name[2]} are one)
     * @param exceptions tests ended by a non-assertion throwable ({@code <error>})
     * @param errors     the subset whose type is a {@link Error}
     * @param timeMs     the sum of the test suites' times (not wall clock: forks run side by side)
     * @param files      report files counted
     * @param unreadable report files skipped because they could not be read or parsed
     */
    public record Totals(Metrics.Tests tests, long classes, long methods, long exceptions, long errors, long timeMs,
                         int files, int unreadable) {

        /** Nothing read. */
        public static final Totals NONE = new Totals(Metrics.Tests.ZERO, 0, 0, 0, 0, 0, 0, 0);

        /** These counts as a report's metrics; assertions are not in the XML, so they stay null. */
        public Metrics toMetrics(Metrics.Coverage coverage, long durationMs, Long peakHeapBytes, int forks) {
            return new Metrics(classes, methods, tests, null, exceptions, errors, coverage, durationMs,
                    new Metrics.Memory(peakHeapBytes), forks);
        }
    }
}
