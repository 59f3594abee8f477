package org.testtelemetry.core.assertions;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testtelemetry.core.TelemetryLog;

/**
 * The assertion-counting Java agent: {@code -javaagent:telemetry-junit5-extension-<version>.jar} (or the TestNG
 * listener's jar, or telemetry-core's) on the test JVM, which the adapters' jars advertise as their
 * {@code Premain-Class}. It registers {@link AssertionTransformer} and nothing else: no thread, no file, no class
 * of the user's loaded. Attached twice (the Maven plugin and the user's own argLine), it counts once.
 * {@code -Dtelemetry.assertions=false} leaves it off; the agent argument {@code debug} prints the classes it could
 * not transform.
 *
 * <pre>{@code
 * java -javaagent:telemetry-junit5-extension-0.1.0.jar ...
 * }</pre>
 */
public final class AssertionAgent {

    /** The configuration key that turns counting off (also read by the Maven plugin). */
    public static final String ENABLED_KEY = "telemetry.assertions";

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
            instrumentation.addTransformer(new AssertionTransformer(log), false);
            AssertionCounter.attach();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vmError) {
                throw vmError;
            }
            log.warn("Test telemetry: assertions are not counted: the agent could not start ("
                    + t.getClass().getName() + ")");
        }
    }
}
