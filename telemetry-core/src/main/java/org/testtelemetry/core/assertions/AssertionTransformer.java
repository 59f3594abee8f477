package org.testtelemetry.core.assertions;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import org.testtelemetry.core.OwnCost;
import org.testtelemetry.core.TelemetryLog;

/**
 * Puts one {@link AssertionCounter#count()} call before each call site of an assertion entry point
 * ({@link EntryPoints}) in the classes the JVM loads. Fault cases, all leaving the class exactly as it was:
 * <ul>
 *   <li>the JDK, the assertion and mocking libraries, and this project's own classes are never looked at;</li>
 *   <li>a class whose loader cannot see {@link AssertionCounter} (e.g. the platform loader) is not changed;</li>
 *   <li>a class whose constant pool names no entry point's package is returned unchanged after a scan;</li>
 *   <li>a class that calls no entry point is returned unchanged after one pass over its code;</li>
 *   <li>a corrupt class file, or one {@link CallSites} does not rewrite (e.g. a method that would outgrow 64 KB):
 *       one debug line, unchanged (the JVM then reports a corrupt file itself, as it would have without us);</li>
 *   <li>a class being redefined or retransformed (e.g. by Mockito's inline mock maker) is not changed.</li>
 * </ul>
 * The transformer only reads the bytes it is given; it never loads or resolves a class, so the tests load exactly
 * the classes they would load without it.
 */
public final class AssertionTransformer implements ClassFileTransformer {

    private static final String COUNTER = AssertionCounter.class.getName().replace('.', '/');
    /**
     * JaCoCo's package, assembled at run time: as a literal, the published jar's relocation of the JaCoCo it embeds
     * would rewrite it to the relocated name, and the user's JaCoCo agent classes would be scanned.
     */
    private static final String JACOCO = "org/" + String.valueOf("jacoco/");
    /**
     * Most frequent first among the classes that reach this list (those of a loader that sees the counter: the JDK's
     * come from the boot and platform loaders, which {@link #seesCounter} turns away first): a Surefire fork loads
     * hundreds of JUnit's, Surefire's and JaCoCo's classes through the application class loader.
     */
    private static final String[] SKIPPED = {
        "org/junit/", "org/apache/maven/surefire/", JACOCO, "org/testng/", "org/opentest4j/", "org/apiguardian/",
        "org/testtelemetry/", "java/", "javax/", "jdk/", "sun/", "com/sun/", "junit/", "org/assertj/",
        "org/hamcrest/", "com/google/common/truth/", "org/mockito/", "net/bytebuddy/", "org/objenesis/"};
    private static final byte[][] OWNER_PREFIXES = new byte[EntryPoints.OWNER_PREFIXES.length][];

    static {
        for (int i = 0; i < OWNER_PREFIXES.length; i++) {
            OWNER_PREFIXES[i] = EntryPoints.OWNER_PREFIXES[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final TelemetryLog log;
    private final ClassLoader counterLoader = AssertionCounter.class.getClassLoader();

    /** @param log receives one debug line per class that could not be transformed */
    public AssertionTransformer(TelemetryLog log) {
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        long began = OwnCost.begin();
        try {
            return transformNow(loader, className, redefined, classFile);
        } finally {
            OwnCost.end(OwnCost.AGENT, began);
        }
    }

    private byte[] transformNow(ClassLoader loader, String className, Class<?> redefined, byte[] classFile) {
        // cheapest first: most classes a test JVM loads are the JDK's, from a loader that cannot see the counter
        if (redefined != null || className == null || classFile == null || !seesCounter(loader)
                || skipped(className)) {
            return null;
        }
        try {
            return instrument(classFile);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vmError) {
                throw vmError;
            }
            try {
                log.debug("Test telemetry: assertions of " + className + " not counted (class left unchanged): "
                        + (t instanceof IllegalArgumentException ? t.getMessage() : t.getClass().getName()));
            } catch (RuntimeException | LinkageError ignored) {
                // never fail a class load for a log line
            }
            return null;
        }
    }

    /**
     * The class with its assertion call sites counted, or null when it has none.
     *
     * @throws IllegalArgumentException when the bytes are not a class file, or one {@link CallSites} leaves alone
     */
    static byte[] instrument(byte[] classFile) {
        return CallSites.rewrite(classFile, COUNTER, OWNER_PREFIXES);
    }

    private static boolean skipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Instrumented code must resolve our counter: only loaders that delegate to its loader qualify. */
    private boolean seesCounter(ClassLoader loader) {
        for (ClassLoader at = loader; at != null; at = at.getParent()) { // null: the boot loader
            if (at == counterLoader) {
                return true;
            }
        }
        return false;
    }
}
