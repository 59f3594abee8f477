package org.testtelemetry.core.assertions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.testtelemetry.core.OwnCost;
import org.testtelemetry.core.TelemetryLog;

/**
 * The assertion-counting Java agent: {@code -javaagent:telemetry-junit5-extension-<version>.jar} (or the TestNG
 * listener's jar, or telemetry-core's) on the test JVM, which the adapters' jars advertise as their
 * {@code Premain-Class}. It registers {@link AssertionTransformer} and nothing else: no thread, no file, no class
 * of the user's loaded. Attached twice (the Maven plugin and the user's own argLine), it counts once.
 * {@code -Dtelemetry.assertions=false} leaves it off; the agent argument {@code debug} prints the classes it could
 * not transform.
 *
 * <p>The transformer and its {@link CallSites} rewriter are loaded by {@link Isolated}, with no code source: a coverage
 * agent in the same JVM (JaCoCo skips classes without a location) does not instrument them. When the rewrite was
 * still done with ASM, instrumenting its large classes cost a
 * JaCoCo-enabled test JVM about 230 ms of CPU, most of what this agent cost (BENCHMARKS.md, "Thin forks").
 *
 * <pre>{@code
 * java -javaagent:telemetry-junit5-extension-0.1.0.jar ...
 * }</pre>
 */
public final class AssertionAgent {

    /** The configuration key that turns counting off (also read by the Maven plugin). */
    public static final String ENABLED_KEY = "telemetry.assertions";

    /** By name only: a class literal would load it with the test classes. */
    static final String TRANSFORMER = "org.testtelemetry.core.assertions.AssertionTransformer";

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AssertionAgent() {
    }

    /** Called by the JVM for {@code -javaagent}. */
    public static void premain(String args, Instrumentation instrumentation) {
        install(args, instrumentation);
    }

    /**
     * Called when attached to a running JVM: classes loaded before are not counted, so prefer {@code -javaagent}.
     */
    public static void agentmain(String args, Instrumentation instrumentation) {
        install(args, instrumentation);
    }

    static void install(String args, Instrumentation instrumentation) {
        long began = OwnCost.begin();
        try {
            installNow(args, instrumentation);
        } finally {
            OwnCost.end(OwnCost.AGENT, began);
        }
    }

    private static void installNow(String args, Instrumentation instrumentation) {
        boolean debug = args != null && args.contains("debug");
        TelemetryLog log = TelemetryLog.stderr(debug);
        try {
            if ("false".equalsIgnoreCase(System.getProperty(ENABLED_KEY, "").trim())) {
                log.debug("Test telemetry: assertion counting is off (" + ENABLED_KEY + "=false)");
                return;
            }
            if (!INSTALLED.compareAndSet(false, true)) {
                return; // attached twice: one transformer, or every assertion would count twice
            }
            instrumentation.addTransformer(transformer(log), false);
            AssertionCounter.attach();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vmError) {
                throw vmError;
            }
            log.warn("Test telemetry: assertions are not counted: the agent could not start ("
                    + t.getClass().getName() + ")");
        }
    }

    /** The transformer, loaded by {@link Isolated}; loaded as any other class if that fails. */
    static ClassFileTransformer transformer(TelemetryLog log) {
        try {
            Class<?> type = Class.forName(TRANSFORMER, true, new Isolated(AssertionAgent.class.getClassLoader()));
            return (ClassFileTransformer) type.getConstructor(TelemetryLog.class).newInstance(log);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.debug("Test telemetry: the assertion transformer is loaded with the test classes ("
                    + e.getClass().getName() + ")");
            return new AssertionTransformer(log);
        }
    }

    /**
     * Loads this library's classes (the transformer, its rewriter) itself, from its parent's class files, without a code
     * source; everything else, and the classes shared with the test classes (the counter they call, the log the
     * transformer speaks to, the benchmarks' {@link OwnCost}), comes from the parent.
     */
    static final class Isolated extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        /** The agent's jar, read directly (half the cost of the parent's resource URLs); null if not a jar. */
        private final JarFile jar;

        Isolated(ClassLoader parent) {
            super("test-telemetry-assertion-agent", parent);
            this.jar = agentJar();
        }

        private static JarFile agentJar() {
            try {
                CodeSource source = AssertionAgent.class.getProtectionDomain().getCodeSource();
                URL location = source == null ? null : source.getLocation();
                if (location == null || !"file".equals(location.getProtocol())
                        || !location.getPath().endsWith(".jar")) {
                    return null;
                }
                return new JarFile(new File(location.toURI()), false); // open for the JVM's life, as an agent's is
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        private InputStream open(String path) throws IOException {
            ZipEntry entry = jar == null ? null : jar.getEntry(path);
            return entry != null ? jar.getInputStream(entry) : getParent().getResourceAsStream(path);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!own(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    byte[] bytes;
                    try (InputStream in = open(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            return super.loadClass(name, resolve);
                        }
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    type = defineClass(name, bytes, 0, bytes.length); // no ProtectionDomain: no code source
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        static boolean own(String name) {
            return name.startsWith("org.testtelemetry.")
                    && !name.equals("org.testtelemetry.core.assertions.AssertionCounter")
                    && !name.startsWith("org.testtelemetry.core.assertions.AssertionCounter$")
                    && !name.equals("org.testtelemetry.core.TelemetryLog")
                    && !name.startsWith("org.testtelemetry.core.OwnCost");
        }
    }
}
