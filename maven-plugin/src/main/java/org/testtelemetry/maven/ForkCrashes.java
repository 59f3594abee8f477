package org.testtelemetry.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.core.surefire.SurefireReports;

/**
 * Tests that were planned but never finished because their test JVM died (a crash, {@code SIGKILL},
 * {@code System.exit}, {@code forkedProcessTimeoutInSeconds}) before it wrote its partial result. With an adapter
 * in the fork they are counted exactly ({@link #counted}): what each dead session planned, per class, minus what
 * of that class reached Surefire's XML. Without one, they are estimated from the module's compiled test classes
 * ({@link #estimate}): each class matching Surefire's default includes that has no report counts as one.
 */
final class ForkCrashes {

    /** Surefire's default includes: Test*, *Test, *Tests, *TestCase; nested classes are run by their outer one. */
    private static final Pattern DEFAULT_INCLUDES = Pattern.compile("(Test[^$]*|[^$]*Test|[^$]*Tests|[^$]*TestCase)\\.class");

    /**
     * @param incomplete tests that never finished
     * @param forks      test JVMs that died
     */
    record Found(long incomplete, int forks) {
        static final Found NONE = new Found(0, 0);
    }

    private ForkCrashes() {
    }

    /** Whether a test goal's failure says its fork died rather than its tests failed. */
    static boolean isForkCrash(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("The forked VM terminated")
                    || message.contains("timeout in the fork") || message.contains("timeout or other error in the fork")
                    || message.contains("VM crash or System.exit"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exact count: for each session that started and never wrote its partial result, the tests it planned
     * per class minus the test cases of that class in the execution's XML (matched by keyed fingerprint).
     */
    static Found counted(List<PartialResults.Started> unfinished, List<Path> xmlFiles, Path runDir) {
        Map<String, Long> reached = new HashMap<>();
        if (!xmlFiles.isEmpty()) {
            try {
                PartialResults.Fingerprints fingerprints = PartialResults.fingerprints(runDir);
                SurefireReports.casesPerClass(xmlFiles)
                        .forEach((name, cases) -> reached.merge(fingerprints.of(name), cases, Long::sum));
            } catch (IOException | RuntimeException e) {
                // no key: nothing can be matched, every planned test of a dead fork is incomplete
            }
        }
        long incomplete = 0;
        for (PartialResults.Started session : unfinished) {
            for (Map.Entry<String, Long> planned : session.plannedByClass().entrySet()) {
                incomplete += Math.max(0, planned.getValue() - reached.getOrDefault(planned.getKey(), 0L));
            }
        }
        return new Found(incomplete, unfinished.size());
    }

    /**
     * Counts the classes under {@code testClasses} that Surefire would run by default and that have no
     * {@code TEST-<class>.xml} in any of {@code reportDirs}; at least one, since a fork did die.
     */
    static Found estimate(Path testClasses, Set<Path> reportDirs) {
        long missing = 0;
        if (testClasses != null && Files.isDirectory(testClasses)) {
            try (Stream<Path> walk = Files.walk(testClasses)) {
                Set<String> candidates = walk
                        .filter(p -> DEFAULT_INCLUDES.matcher(p.getFileName().toString()).matches())
                        .map(p -> className(testClasses.relativize(p)))
                        .collect(Collectors.toSet());
                for (String name : candidates) {
                    String report = "TEST-" + name + ".xml";
                    if (reportDirs.stream().noneMatch(dir -> Files.isRegularFile(dir.resolve(report)))) {
                        missing++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                missing = 0;
            }
        }
        return new Found(Math.max(1, missing), 1);
    }

    private static String className(Path relative) {
        String path = relative.toString().replace('\\', '/');
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
