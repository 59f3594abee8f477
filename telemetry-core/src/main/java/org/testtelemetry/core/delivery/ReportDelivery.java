package org.testtelemetry.core.delivery;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.privacy.PrivacyGuard;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.config.SecretMask;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * The single entry point adapters and the Maven plugin call at the end of a run. It runs the writers chosen by
 * {@code telemetry.writers} — {@code http} (queued reports first, then this one, within {@code telemetry.timeout};
 * a report not delivered goes to the outbox), {@code file} ({@code <build dir>/telemetry/report-<id>.json}) and
 * {@code stdout} (the one line) — and returns that one honest line. It never throws: any failure, down to a bug
 * in this package, becomes the line (as a warning); only a {@link VirtualMachineError} passes through.
 *
 * <pre>{@code
 * DeliveryResult result = ReportDelivery.deliver(report, config, log,
 *         DeliveryContext.defaults().withBuildDir(buildDirectory));
 * // result.line(): "Test telemetry: 95 tests (90 passed, 2 failed, 1 errored, 2 skipped) — sent to
 * //                 https://host in 41 ms"
 * }</pre>
 */
public final class ReportDelivery {

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
        TelemetryLog out = failOpen(log, config);
        // The pipeline's privacy step: no writer ever sees a report that has not passed the guard.
        return FailOpen.call(() -> new Run(config, out, context == null ? DeliveryContext.defaults() : context)
                .deliver(PrivacyGuard.forCurrentProcess().enforce(report)), t -> unexpected(report, out, t));
    }

    /**
     * Sends the reports waiting in the outbox, oldest first, within {@code telemetry.timeout}; the {@code flush}
     * command. Prints and returns one line. Never throws.
     */
    public static DeliveryResult flush(Configuration config, TelemetryLog log, DeliveryContext context) {
        TelemetryLog out = failOpen(log, config);
        return FailOpen.call(() -> new Run(config, out, context == null ? DeliveryContext.defaults() : context)
                .flush(), t -> unexpected(null, out, t));
    }

    /**
     * Optional, for adapters at the start of a session: prepares the HTTP client on a short-lived daemon thread, so
     * the end of the run does not pay for loading it (up to a second in a cold JVM on a busy machine). Never throws.
     */
    public static void warmUp() {
        FailOpen.quietly(ReportDelivery::startWarmUp);
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
        log.debug("Test telemetry: " + stackTrace(t));
        return new DeliveryResult(Status.FAILED, line);
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /**
     * The caller's log, but a log that throws cannot break the build either, and no line it receives carries a
     * credential (a URL's user-info or query, the token, the salt), whichever exception or server put it there.
     */
    private static TelemetryLog failOpen(TelemetryLog log, Configuration config) {
        TelemetryLog target = log != null ? log : TelemetryLog.stderr(false);
        SecretMask mask = FailOpen.call(() -> SecretMask.of(config), t -> SecretMask.of(null));
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

    /** One delivery: the configuration, the log and the context it runs with. */
    private static final class Run {

        private final Configuration config;
        private final TelemetryLog log;
        private final DeliveryContext context;
        private final Outbox outbox;

        Run(Configuration config, TelemetryLog log, DeliveryContext context) {
            this.config = config;
            this.log = log;
            this.context = context;
            this.outbox = config.outbox() == null ? null : new Outbox(config.outbox());
        }

        DeliveryResult deliver(Report report) {
            String summary = SummaryLine.of(report);
            if (!config.enabled()) {
                return say(Status.DISABLED, summary + SummaryLine.DASH + "disabled: " + config.disabledReason());
            }
            URI endpoint = config.endpoint();
            if (config.dryRun()) {
                log.info(ReportJson.writePretty(report));
                return say(Status.DRY_RUN, summary + SummaryLine.DASH + "dry run: nothing sent"
                        + (endpoint == null ? "" : " to " + SummaryLine.endpoint(endpoint)));
            }
            List<String> parts = new ArrayList<>();
            Status status = Status.WRITTEN;
            if (config.writers().contains("http")) {
                Outcome http = FailOpen.call(() -> http(report, endpoint),
                        t -> keep(report, "unexpected " + FailOpen.describe(t)));
                parts.add(http.part());
                status = http.status();
            }
            if (config.writers().contains("file")) {
                Path target = ReportFileWriter.target(context.buildDir(), report);
                Outcome file = FailOpen.call(() -> {
                    try {
                        return new Outcome(Status.WRITTEN, "written to " + ReportFileWriter.write(context.buildDir(),
                                report));
                    } catch (IOException e) {
                        return new Outcome(Status.FAILED, "could not write " + target + ": " + AtomicFiles.reason(e));
                    }
                }, t -> new Outcome(Status.FAILED, "could not write " + target + ": " + FailOpen.describe(t)));
                parts.add(file.part());
                if (!config.writers().contains("http")) {
                    status = file.status();
                }
            }
            if (parts.isEmpty()) {
                parts.add("printed only (telemetry.writers=stdout)");
            }
            return say(status, summary + SummaryLine.DASH + String.join("; ", parts));
        }

        private Outcome http(Report report, URI endpoint) {
            if (endpoint == null) {
                return keep(report, "telemetry.endpoint is not set");
            }
            byte[] json = ReportJson.writeBytes(report);
            List<Outbox.Entry> queued = pending();
            ReportSender.warmUp();
            DeliveryBudget budget = DeliveryBudget.forRun(config.timeout());
            try (ReportSender sender = sender(endpoint, budget)) {
                Replay replay = replay(queued, sender, budget);
                SendResult result = FailOpen.call(() -> sender.send(report.id().toString(), json, false),
                        t -> SendResult.failed("unexpected " + FailOpen.describe(t), false, 0));
                if (!result.delivered()) {
                    return keep(report, result.failure());
                }
                return new Outcome(Status.SENT, "sent to " + SummaryLine.endpoint(endpoint) + " in "
                        + budget.elapsed().toMillis() + " ms" + (replay.sent() == 0 ? ""
                        : " (and " + SummaryLine.reports(replay.sent()) + " queued by earlier runs)"));
            }
        }

        /** The report was not delivered: the outbox keeps it, or the line says it is lost. */
        private Outcome keep(Report report, String failure) {
            if (outbox == null) {
                return new Outcome(Status.FAILED, "not sent: " + failure
                        + "; no outbox to keep it in (set telemetry.outbox)");
            }
            try {
                outbox.save(report, ReportJson.writeBytes(report));
                return new Outcome(Status.SAVED, "not sent: " + failure + "; kept in " + outbox.dir()
                        + " and will be sent on the next run");
            } catch (IOException | RuntimeException e) {
                return new Outcome(Status.FAILED, "not sent: " + failure + "; could not keep it in " + outbox.dir()
                        + " (" + AtomicFiles.reason(e) + "), so this report is lost");
            }
        }

        DeliveryResult flush() {
            String head = SummaryLine.PREFIX + " outbox flush" + SummaryLine.DASH;
            if (!config.enabled()) {
                return say(Status.DISABLED, head + "disabled: " + config.disabledReason(), true);
            }
            if (outbox == null) {
                return say(Status.FAILED, head + "no outbox (set telemetry.outbox)", true);
            }
            int waiting = outbox.count();
            if (waiting == 0) {
                return say(Status.SENT, head + "nothing to send, " + outbox.dir() + " is empty", true);
            }
            URI endpoint = config.endpoint();
            if (endpoint == null || config.dryRun()) {
                String why = endpoint == null ? "not sent: telemetry.endpoint is not set" : "dry run: nothing sent";
                return say(config.dryRun() ? Status.DRY_RUN : Status.SAVED, head + why + "; "
                        + SummaryLine.waiting(waiting, "") + outbox.dir(), true);
            }
            List<Outbox.Entry> queued = pending();
            ReportSender.warmUp();
            DeliveryBudget budget = DeliveryBudget.forFlush(config.timeout());
            try (ReportSender sender = sender(endpoint, budget)) {
                Replay replay = replay(queued, sender, budget);
                int left = outbox.count();
                String sent = replay.sent() == 0 ? "" : "sent " + (left == 0 ? "" : replay.sent() + " of ")
                        + SummaryLine.reports(left == 0 ? replay.sent() : replay.sent() + left) + " to "
                        + SummaryLine.endpoint(endpoint) + " in " + budget.elapsed().toMillis() + " ms";
                if (left == 0) {
                    // nothing sent and nothing left: every file was set aside as unreadable or expired
                    return say(Status.SENT, head + (sent.isEmpty() ? "nothing to send, " + outbox.dir()
                            + " is empty" : sent), true);
                }
                String failure = replay.failure() != null ? "not sent: " + replay.failure()
                        : "not sent: more than " + DeliveryBudget.REPLAY_MAX_REPORTS + " per run";
                return say(Status.SAVED, head + (sent.isEmpty() ? "" : sent + "; ") + failure + "; "
                        + SummaryLine.waiting(left, "still ") + outbox.dir(), true);
            }
        }

        private ReportSender sender(URI endpoint, DeliveryBudget budget) {
            ProxySettings proxies = ProxySettings.from(context.systemProperties(), context.environment());
            return new ReportSender(endpoint, config.token(), proxies, budget, log);
        }

        /** The queued reports to send now; reading them is local work, done before the budget starts. */
        private List<Outbox.Entry> pending() {
            if (outbox == null) {
                return List.of();
            }
            return FailOpen.call(() -> {
                Outbox.Cleanup cleanup = new Outbox.Cleanup();
                List<Outbox.Entry> entries;
                try {
                    entries = outbox.pending(context.clock().instant(), DeliveryBudget.REPLAY_MAX_REPORTS, cleanup);
                } catch (IOException e) {
                    log.debug(SummaryLine.PREFIX + " cannot read the outbox " + outbox.dir() + ": "
                            + AtomicFiles.reason(e));
                    return List.<Outbox.Entry>of();
                }
                if (cleanup.corrupt > 0) {
                    log.warn(SummaryLine.PREFIX + " moved " + cleanup.corrupt + " unreadable file"
                            + (cleanup.corrupt == 1 ? "" : "s") + " aside to " + outbox.dir().resolve("corrupt"));
                }
                if (cleanup.expired > 0) {
                    log.debug(SummaryLine.PREFIX + " moved " + SummaryLine.reports(cleanup.expired) + " older than "
                            + DeliveryBudget.REPLAY_MAX_AGE.toDays() + " days aside to "
                            + outbox.dir().resolve("expired"));
                }
                return entries;
            }, t -> List.of());
        }

        /** Queued reports first, oldest first, within the replay share of the budget. */
        private Replay replay(List<Outbox.Entry> entries, ReportSender sender, DeliveryBudget budget) {
            return FailOpen.call(() -> {
                int sent = 0;
                String failure = null;
                for (Outbox.Entry entry : entries) {
                    if (!budget.canAttempt(true)) {
                        failure = failure != null ? failure : "no time left in the " + budget.describe() + " budget";
                        break;
                    }
                    Outbox.Entry claimed = claim(entry);
                    if (claimed == null) {
                        continue; // another run sends this one
                    }
                    SendResult result = FailOpen.call(() -> sender.send(claimed.id(), claimed.json(), true),
                            t -> SendResult.failed("unexpected " + FailOpen.describe(t), false, 0));
                    if (result.delivered()) {
                        sent++;
                        FailOpen.quietly(() -> {
                            try {
                                outbox.remove(claimed);
                            } catch (IOException e) {
                                log.debug(SummaryLine.PREFIX + " could not remove delivered " + claimed.file() + ": "
                                        + AtomicFiles.reason(e) + " (a resend is harmless)");
                            }
                        });
                    } else {
                        release(claimed);
                        failure = result.failure();
                        log.debug(SummaryLine.PREFIX + " queued report " + entry.id() + " not sent: " + failure);
                        if (!result.rejected()) {
                            break; // the platform is unreachable or unwell: the rest waits for the next run
                        }
                    }
                }
                return new Replay(sent, failure);
            }, t -> new Replay(0, "unexpected " + FailOpen.describe(t)));
        }

        /** The entry claimed for this run, or null when another run has it (or it cannot be claimed now). */
        private Outbox.Entry claim(Outbox.Entry entry) {
            try {
                return outbox.claim(entry, context.clock().instant());
            } catch (IOException | RuntimeException e) {
                log.debug(SummaryLine.PREFIX + " cannot claim " + entry.file() + ": " + AtomicFiles.reason(e));
                return null;
            }
        }

        private void release(Outbox.Entry claimed) {
            FailOpen.quietly(() -> {
                try {
                    outbox.release(claimed);
                } catch (IOException e) {
                    log.debug(SummaryLine.PREFIX + " cannot give back " + claimed.file() + ": "
                            + AtomicFiles.reason(e) + " (it is given back within " + Outbox.STALE_CLAIM.toHours()
                            + " h)");
                }
            });
        }

        private DeliveryResult say(Status status, String line) {
            return say(status, line, config.writers().contains("stdout"));
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

    private record Outcome(Status status, String part) {
    }

    private record Replay(int sent, String failure) {
    }
}
