package org.testtelemetry.core.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The question every test JVM with an adapter on its class path asks first: could telemetry be on? It is surely off
 * when no source names {@code telemetry.enabled} (off by that key's default), or when its system property, which
 * is read before every other source, says false. Then nothing else needs reading, so an adapter answers this before
 * it loads {@link ConfigKey}, {@link Configuration} or the run (issue 15: a JVM with telemetry off paid the whole
 * configuration read). Otherwise {@link Configuration} reads everything as usual, and a bad value still gets its
 * warning.
 *
 * <p>Only {@code java.io} and the JDK's property and environment look-ups: a test JVM has loaded those already.
 */
@API(status = INTERNAL, consumers = {"org.testtelemetry.junit5", "org.testtelemetry.testng"})
public final class EnabledCheck {

    /** {@link ConfigKey#ENABLED}'s key (a constant, so reading it loads nothing). */
    public static final String KEY = "telemetry.enabled";
    /** {@link ConfigKey#ENABLED}'s environment variable. */
    static final String ENV = "TELEMETRY_ENABLED";
    /** {@link ConfigKey#RUN_DIR}'s key. */
    static final String RUN_DIR = "telemetry.runDir";
    /** The consoledonottrack.com variable, which turns telemetry off whatever else is set ({@link Configuration}). */
    static final String DO_NOT_TRACK = "DO_NOT_TRACK";

    private EnabledCheck() {
    }

    /**
     * False only when telemetry is surely off: the system property, read first of all sources, says false (as
     * {@code -Dtelemetry.enabled=false} on a Maven command line does in every fork), or no system property,
     * environment variable, build setting or {@code telemetry.properties} (in {@code projectDir} or on
     * {@code classLoader}'s class path) could set {@code telemetry.enabled}. The same sources, in the same places
     * and order, as {@link ConfigInputs#fromProcess} and {@link Configuration}.
     *
     * @param buildValue  the framework's own setting of {@link #KEY} (e.g. a JUnit configuration parameter), or null
     * @param projectDir  where {@code telemetry.properties} would be looked up first, e.g. {@link #projectDir()}
     * @param classLoader where it would be looked up second; may be null
     */
    public static boolean mayBeEnabled(String buildValue, Path projectDir, ClassLoader classLoader) {
        String property = System.getProperty(KEY);
        if (property != null && !property.isBlank()) {
            // read first of all sources, so it decides: a plain false is off, whatever the others say
            return !isFalse(property);
        }
        return buildValue != null || System.getenv(ENV) != null || propertiesFile(projectDir) != null
                || propertiesResource(classLoader);
    }

    /**
     * The run directory of a thin run when the system properties alone decide it, as on every test JVM the Maven
     * plugin starts: {@code telemetry.enabled} says true and {@code telemetry.runDir} names a path. System properties
     * are read before every other source, so no other source can change either value, and a thin run reads no other
     * key (the plugin reads and checks the rest once per module, in its own JVM). Then the adapter loads neither
     * {@link ConfigKey} nor {@link Configuration} (≈ 4 ms of a Surefire fork's CPU, issue 15). Null in every other
     * case, which {@link Configuration} then reads in full: a value it would warn about, and {@code DO_NOT_TRACK}.
     */
    public static Path thinRunDir() {
        return thinRunDir(System.getProperty(KEY), System.getProperty(RUN_DIR), System.getenv(DO_NOT_TRACK));
    }

    /** {@link #thinRunDir()} from given values: the two system properties and the {@code DO_NOT_TRACK} variable. */
    static Path thinRunDir(String enabled, String runDir, String doNotTrack) {
        if (enabled == null || !isTrue(enabled) || runDir == null || runDir.isBlank() || doNotTrack != null) {
            return null;
        }
        return path(runDir.trim()); // as ConfigKey.RUN_DIR's parser reads it
    }

    /**
     * Whether {@code text} is one of the words {@link ConfigKey#ENABLED}'s parser reads as true ({@code true},
     * {@code yes}, {@code 1}, {@code on}; trimmed, any case). The one list of them: that parser asks here.
     */
    static boolean isTrue(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("on");
    }

    /**
     * Whether {@code text} is one of the words {@link ConfigKey#ENABLED}'s parser reads as false ({@code false},
     * {@code no}, {@code 0}, {@code off}; trimmed, any case). The one list of them: that parser asks here.
     */
    static boolean isFalse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        return v.equals("false") || v.equals("no") || v.equals("0") || v.equals("off");
    }

    /** The current process's project directory: Maven's {@code basedir}, else {@code user.dir}; null if neither. */
    public static Path projectDir() {
        String dir = System.getProperty("basedir");
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty("user.dir");
        }
        return dir == null ? null : path(dir);
    }

    /**
     * {@code text} as a path, or null when it is not one on this file system: the one parse of a path setting, for
     * {@link ValueParser}'s path keys as well (it lives here because this class is loaded in every test JVM).
     */
    static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** {@code telemetry.properties} in {@code projectDir} when it is a file there, else null. */
    static Path propertiesFile(Path projectDir) {
        if (projectDir == null) {
            return null;
        }
        try {
            File file = new File(projectDir.toFile(), ConfigInputs.PROPERTIES_FILE);
            return file.isFile() ? file.toPath() : null;
        } catch (InvalidPathException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** Whether {@code classLoader} sees a {@code telemetry.properties}. */
    static boolean propertiesResource(ClassLoader classLoader) {
        return classLoader != null && classLoader.getResource(ConfigInputs.PROPERTIES_FILE) != null;
    }
}
