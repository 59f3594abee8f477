package org.testtelemetry.core.delivery;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apiguardian.api.API;
import org.testtelemetry.core.SystemProperties;

/**
 * What a delivery needs to know about the run that is not configuration: where the build writes its output,
 * the clock, the process settings the HTTP writer honors (proxy system properties and environment
 * variables), and when the end of the run began (the start of the {@code telemetry.timeout} budget). Callers that
 * know their build directory pass it; everyone else uses {@link #defaults()}.
 *
 * <pre>{@code
 * DeliveryContext context = DeliveryContext.defaults().withBuildDir(project.getBuild().getDirectory());
 * DeliveryResult result = ReportDelivery.deliver(report, config, log, context);
 * }</pre>
 *
 * @param buildDir          the build output directory (Maven's {@code target}); the file writer writes
 *                          {@code telemetry/report-<id>.json} under it
 * @param clock             wall clock for outbox ages
 * @param systemProperties  {@code http.proxyHost}, {@code https.proxyHost}, {@code http.nonProxyHosts} ...
 * @param environment       {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY} ...
 * @param endOfRunStart     {@link System#nanoTime()} when the end of the run began (e.g. a test JVM's last test
 *                          finished): the delivery budget counts from there, building and serializing the report
 *                          and loading the HTTP client included; null: when {@link ReportDelivery} is called
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public record DeliveryContext(Path buildDir, Clock clock, Map<String, String> systemProperties,
                              Map<String, String> environment, Long endOfRunStart) {

    public DeliveryContext {
        systemProperties = systemProperties == null ? Map.of() : Map.copyOf(systemProperties);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        clock = clock == null ? Clock.systemUTC() : clock;
        buildDir = buildDir == null ? defaultBuildDir(systemProperties) : buildDir;
    }

    /** Without a start: the budget starts when {@link ReportDelivery} is called. */
    public DeliveryContext(Path buildDir, Clock clock, Map<String, String> systemProperties,
                           Map<String, String> environment) {
        this(buildDir, clock, systemProperties, environment, null);
    }

    /** The running process: {@code target} under {@code user.dir}, the system clock, system properties, env. */
    public static DeliveryContext defaults() {
        return new DeliveryContext(null, Clock.systemUTC(), SystemProperties.snapshot(), System.getenv());
    }

    /** The same context with another build directory (null keeps the default). */
    public DeliveryContext withBuildDir(Path dir) {
        return new DeliveryContext(dir, clock, systemProperties, environment, endOfRunStart);
    }

    /** The same context with other process settings, e.g. for tests that set a proxy. */
    public DeliveryContext withProcess(Map<String, String> newSystemProperties, Map<String, String> newEnvironment) {
        return new DeliveryContext(buildDir, clock, newSystemProperties, newEnvironment, endOfRunStart);
    }

    /** The same context with the budget counted from {@code nanoTime} ({@link System#nanoTime()}). */
    public DeliveryContext withEndOfRunStart(long nanoTime) {
        return new DeliveryContext(buildDir, clock, systemProperties, environment, nanoTime);
    }

    /** This context, with the budget starting now unless it already has a start. */
    DeliveryContext startedBy(long nanoTime) {
        return endOfRunStart != null ? this : withEndOfRunStart(nanoTime);
    }

    private static Path defaultBuildDir(Map<String, String> systemProperties) {
        String userDir = systemProperties.get("user.dir");
        return Path.of(userDir == null || userDir.isBlank() ? "." : userDir).resolve("target");
    }
}
