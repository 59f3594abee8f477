package org.testtelemetry.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tests that were discovered but never finished because their test JVM died (a crash, {@code System.exit},
 * {@code forkedProcessTimeoutInSeconds}) before it could write anything. Surefire then writes no XML for them,
 * so they are estimated from the module's compiled test classes: each class matching Surefire's default
 * includes that has no report counts as one incomplete test (its method count is unknowable without loading it).
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
