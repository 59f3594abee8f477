package org.testtelemetry.core.env;

import java.util.Map;
import java.util.function.Predicate;
import org.testtelemetry.report.Environment.BuildTool;

/**
 * Which tool launched the tests: {@code maven} (with its version when known), {@code gradle}, {@code ide}
 * (IntelliJ IDEA, Eclipse, VS Code), else {@code unknown}. Reads launcher markers only — the JVM's main
 * command and well-known system properties — never a path or a value into the report.
 */
public final class BuildTools {

    public static final String MAVEN = "maven";
    public static final String GRADLE = "gradle";
    public static final String IDE = "ide";
    public static final String UNKNOWN = "unknown";

    private BuildTools() {
    }

    /** Every name {@link #detect} can return. */
    public static java.util.Set<String> ids() {
        return java.util.Set.of(MAVEN, GRADLE, IDE, UNKNOWN);
    }

    /**
     * @param sysProps     system properties ({@code sun.java.command}, {@code maven.version}, ...)
     * @param env          environment variables
     * @param classPresent whether a class can be loaded (Gradle's test worker, IDE runners)
     */
    public static BuildTool detect(Map<String, String> sysProps, Map<String, String> env,
                                   Predicate<String> classPresent) {
        String command = sysProps.getOrDefault("sun.java.command", "");
        if (sysProps.containsKey("surefire.test.class.path") || sysProps.containsKey("surefire.real.class.path")
                || command.contains("surefirebooter") || command.contains("org.apache.maven.surefire")
                || command.contains("org.codehaus.plexus.classworlds.launcher.Launcher")
                || sysProps.containsKey("maven.home")) {
            return new BuildTool(MAVEN, version(sysProps.get("maven.version")));
        }
        if (sysProps.containsKey("org.gradle.test.worker") || command.contains("org.gradle.")
                || classPresent.test("org.gradle.api.internal.tasks.testing.worker.TestWorker")) {
            return new BuildTool(GRADLE, version(sysProps.get("org.gradle.version")));
        }
        if (command.contains("com.intellij.rt.") || sysProps.containsKey("idea.test.cyclic.buffer.size")
                || command.contains("org.eclipse.jdt.internal.junit") || command.contains("com.microsoft.java.test")
                || env.containsKey("VSCODE_PID") && command.contains("junit")
                || classPresent.test("com.intellij.rt.junit.JUnitStarter")) {
            return new BuildTool(IDE, null);
        }
        return new BuildTool(UNKNOWN, null);
    }

    /** Detects with the current class loader. */
    public static BuildTool detect(Map<String, String> sysProps, Map<String, String> env) {
        return detect(sysProps, env, BuildTools::loadable);
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, BuildTools.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String version(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
