package org.testtelemetry.core.delivery;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.config.SecretMask;
import org.testtelemetry.core.config.WriterKind;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.core.delivery.ReportWriter.Outcome;
import org.testtelemetry.core.privacy.PrivacyGuard;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * The single entry point adapters and the Maven plugin call at the end of a run. It orchestrates, nothing else:
 * the privacy guard, then the {@link ReportWriter}s chosen by {@code telemetry.writers} — {@code http} (queued
 * reports first, then this one, within {@code telemetry.timeout}; a report not delivered goes to the outbox),
 * {@code file} ({@code <build dir>/telemetry/report-<id>.json}) and {@code stdout} (the one line) — and returns
 * that one honest line. It never throws: any failure, down to a bug
 * in this package, becomes the line (as a warning); only a {@link VirtualMachineError} passes through.
 *
 * <pre>{@code
 * DeliveryResult result = ReportDelivery.deliver(report, config, log,
 *         DeliveryContext.defaults().withBuildDir(buildDirectory));
 * // result.line(): "Test telemetry: 95 tests (90 passed, 2 failed, 1 errored, 2 skipped) — sent to
 * //                 https://host in 41 ms"
 * }</pre>
 */
@API(status = MAINTAINED)
public final class ReportDelivery {

    /** {@link #warmUpFor} starts one warm-up thread per JVM. */
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private ReportDelivery() {
    }

    /** {@link #deliver(Report, Configuration, TelemetryLog, DeliveryContext)} with the default context. */
    public static DeliveryResult deliver(Report report, Configuration config, TelemetryLog log) {
        return deliver(report, config, log, null);
    }

    /**
     * Delivers {@code report} as {@code config} says, prints the one line when the {@code stdout} writer is on (a
     * failure that lost the report is always printed, as a warning), and returns it. Never throws.
     *
     * @param context the build directory and process settings; null for {@link DeliveryContext#defaults()}
     */
    public static DeliveryResult deliver(Report report, Configuration config, TelemetryLog log,
                                         DeliveryContext context) {
        long called = System.nanoTime(); // the budget starts here unless the caller's end of run began earlier
        SecretMask mask = mask(config);
        TelemetryLog out = failOpen(log, mask);
        // The pipeline's privacy step: no writer ever sees a report that has not passed the guard.
        return scrubbed(FailOpen.call(() -> new Run(config, out, started(context, called))
                .deliver(PrivacyGuard.forCurrentProcess().enforce(report)), t -> unexpected(report, out, t)), mask);
    }

    /**
     * Sends the reports waiting in the outbox, oldest first, within {@code telemetry.timeout}; the {@code flush}
     * command. Prints and returns one line. Never throws.
     */
    public static DeliveryResult flush(Configuration config, TelemetryLog log, DeliveryContext context) {
        long called = System.nanoTime();
        SecretMask mask = mask(config);
        TelemetryLog out = failOpen(log, mask);
        return scrubbed(FailOpen.call(() -> new Run(config, out, started(context, called))
                .flush(), t -> unexpected(null, out, t)), mask);
    }

    private static DeliveryContext started(DeliveryContext context, long called) {
        return (context == null ? DeliveryContext.defaults() : context).startedBy(called);
    }

    /**
     * Optional, for adapters at the start of a session: prepares the HTTP client on a short-lived daemon thread, so
     * the end of the run does not pay for loading it (up to a second in a cold JVM on a busy machine). Never throws.
     */
    public static void warmUp() {
        FailOpen.quietly(ReportDelivery::startWarmUp);
    }

    /**
     * Loads the HTTP client on the caller's thread (an adapter's own warm-up thread, when the {@code http} writer
     * is on). Never throws.
     */
    public static void warmUpNow() {
        FailOpen.quietly(ReportSender::warmUp);
    }

    /**
     * Whether a delivery with {@code config} would send over HTTP (enabled, {@code http} writer, an endpoint, not a
     * dry run), i.e. whether warming the HTTP client up is worth it. Never throws.
     */
    public static boolean sends(Configuration config) {
        return FailOpen.call(() -> config != null && config.enabled() && config.writers().contains(WriterKind.HTTP)
                && config.endpoint() != null && !config.dryRun(), t -> false);
    }

    /**
     * {@link #warmUp()} when {@link #sends(Configuration) config sends over HTTP}, at most once per JVM (the Maven
     * plugin calls it as a build starts): the budget counts the client's class loading, which a cold JVM on a
     * busy machine can spend a second on. Never throws.
     */
    public static void warmUpFor(Configuration config) {
        if (sends(config) && WARMING.compareAndSet(false, true)) {
            warmUp();
        }
    }

    /** The warm-up thread, already started (tests and the benchmark wait for it). */
    static Thread startWarmUp() {
        Thread thread = new Thread(() -> {
            FailOpen.quietly(ReportSender::warmUp);
            FailOpen.quietly(() -> ReportJson.writeBytes(new Report(Report.SCHEMA_VERSION, new UUID(0, 0),
                    Instant.EPOCH, new Project("warm", "up", Anonymization.NONE),
                    new Environment(null, null, null, null, null, null, null), Metrics.EMPTY)));
        }, "test-telemetry-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static DeliveryResult unexpected(Report report, TelemetryLog log, Throwable t) {
        String summary = report == null ? SummaryLine.PREFIX
                : FailOpen.call(() -> SummaryLine.of(report), ignored -> SummaryLine.PREFIX);
        String line = summary + (summary.equals(SummaryLine.PREFIX) ? " " : SummaryLine.DASH)
                + "not sent: unexpected " + FailOpen.describe(t);
        log.warn(line);
        log.debug("Test telemetry: " + FailOpen.stackTrace(t));
        return new DeliveryResult(Status.FAILED, line);
    }

    /**
     * The caller's log, but a log that throws cannot break the build either, and no line it receives carries a
     * credential (a URL's user-info or query, the token, the salt), whichever exception or server put it there.
     */
    private static TelemetryLog failOpen(TelemetryLog log, SecretMask mask) {
        TelemetryLog target = log != null ? log : TelemetryLog.stderr(false);
        return new TelemetryLog() {
            @Override
            public void info(String line) {
                FailOpen.quietly(() -> target.info(mask.scrub(line)));
            }

            @Override
            public void warn(String line) {
                FailOpen.quietly(() -> target.warn(mask.scrub(line)));
            }

            @Override
            public void debug(String line) {
                FailOpen.quietly(() -> target.debug(mask.scrub(line)));
            }
        };
    }

    private static SecretMask mask(Configuration config) {
        return FailOpen.call(() -> SecretMask.of(config), t -> SecretMask.of(null));
    }

    /** The returned line too: a server's message or an exception may have put a credential in it. */
    private static DeliveryResult scrubbed(DeliveryResult result, SecretMask mask) {
        return new DeliveryResult(result.status(), FailOpen.call(() -> mask.scrub(result.line()), t -> result.line()));
    }

    /** One delivery: the configuration, the log and the context it runs with. */
    private static final class Run {

        private final Configuration config;
        private final TelemetryLog log;
        private final DeliveryContext context;

        Run(Configuration config, TelemetryLog log, DeliveryContext context) {
            this.config = config;
            this.log = log;
            this.context = context;
        }

        DeliveryResult deliver(Report report) {
            String summary = SummaryLine.of(report);
            if (!config.enabled()) {
                return say(Status.DISABLED, summary + SummaryLine.DASH + "disabled: " + config.disabledReason(),
                        printsTheLine());
            }
            URI endpoint = config.endpoint();
            if (config.dryRun()) {
                log.info(ReportJson.writePretty(report));
                return say(Status.DRY_RUN, summary + SummaryLine.DASH + "dry run: nothing sent"
                        + (endpoint == null ? "" : " to " + SummaryLine.endpoint(endpoint)), printsTheLine());
            }
            List<ReportWriter> writers = ReportWriter.of(config.writers(), config, context, log);
            List<String> parts = new ArrayList<>();
            Status status = null;
            boolean print = false;
            for (ReportWriter writer : writers) {
                Outcome outcome = FailOpen.call(() -> writer.write(report),
                        t -> new Outcome(Status.FAILED, "unexpected " + FailOpen.describe(t)));
                status = status == null ? outcome.status() : status; // the first writer's word is the run's
                if (outcome.part() != null) {
                    parts.add(outcome.part());
                }
                print |= writer.printsTheLine();
            }
            if (parts.isEmpty()) {
                parts.add("printed only (telemetry.writers=stdout)");
            }
            return say(status == null ? Status.WRITTEN : status, summary + SummaryLine.DASH + String.join("; ", parts),
                    print);
        }

        DeliveryResult flush() {
            String head = SummaryLine.PREFIX + " outbox flush" + SummaryLine.DASH;
            if (!config.enabled()) {
                return say(Status.DISABLED, head + "disabled: " + config.disabledReason(), true);
            }
            Outcome flushed = new HttpWriter(config, context, log).flush();
            return say(flushed.status(), head + flushed.part(), true);
        }

        private boolean printsTheLine() {
            return config.writers().contains(WriterKind.STDOUT);
        }

        private DeliveryResult say(Status status, String line, boolean print) {
            if (status == Status.FAILED) {
                log.warn(line);
            } else if (print) {
                log.info(line);
            } else {
                log.debug(line);
            }
            return new DeliveryResult(status, line);
        }
    }
}
