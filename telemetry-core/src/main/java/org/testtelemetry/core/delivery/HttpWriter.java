package org.testtelemetry.core.delivery;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * The {@code http} writer: the reports queued in the outbox by earlier runs first, oldest first, then this one,
 * all within {@code telemetry.timeout} ({@link DeliveryBudget}); a report not delivered is kept in the outbox,
 * or the line says it is lost. Also the {@code flush} command, which sends the queue alone.
 */
final class HttpWriter implements ReportWriter {

    private final Configuration config;
    private final DeliveryContext context;
    private final TelemetryLog log;
    private final Outbox outbox;

    HttpWriter(Configuration config, DeliveryContext context, TelemetryLog log) {
        this.config = config;
        this.context = context;
        this.log = log;
        this.outbox = config.outbox() == null ? null : new Outbox(config.outbox());
    }

    @Override
    public Outcome write(Report report) {
        return FailOpen.call(() -> send(report), t -> keep(report, "unexpected " + FailOpen.describe(t)));
    }

    private Outcome send(Report report) {
        URI endpoint = config.endpoint();
        if (endpoint == null) {
            return keep(report, "telemetry.endpoint is not set");
        }
        // counted from the end of the run's start: serializing, the outbox and the client's class loading included
        DeliveryBudget budget = DeliveryBudget.forRun(config.timeout(), context.endOfRunStart());
        byte[] json = ReportJson.writeBytes(report);
        List<Outbox.Entry> queued = pending();
        ReportSender.warmUp();
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

    /** Sends the outbox alone (the {@code flush} command); the part is the line after its head. */
    Outcome flush() {
        if (outbox == null) {
            return new Outcome(Status.FAILED, "no outbox (set telemetry.outbox)");
        }
        int waiting = outbox.count();
        if (waiting == 0) {
            return new Outcome(Status.SENT, "nothing to send, " + outbox.dir() + " is empty");
        }
        URI endpoint = config.endpoint();
        if (endpoint == null || config.dryRun()) {
            String why = endpoint == null ? "not sent: telemetry.endpoint is not set" : "dry run: nothing sent";
            return new Outcome(config.dryRun() ? Status.DRY_RUN : Status.SAVED, why + "; "
                    + SummaryLine.waiting(waiting, "") + outbox.dir());
        }
        DeliveryBudget budget = DeliveryBudget.forFlush(config.timeout(), context.endOfRunStart());
        List<Outbox.Entry> queued = pending();
        ReportSender.warmUp();
        try (ReportSender sender = sender(endpoint, budget)) {
            Replay replay = replay(queued, sender, budget);
            int left = outbox.count();
            String sent = replay.sent() == 0 ? "" : "sent " + (left == 0 ? "" : replay.sent() + " of ")
                    + SummaryLine.reports(left == 0 ? replay.sent() : replay.sent() + left) + " to "
                    + SummaryLine.endpoint(endpoint) + " in " + budget.elapsed().toMillis() + " ms";
            if (left == 0) {
                // nothing sent and nothing left: every file was set aside as unreadable or expired
                return new Outcome(Status.SENT, sent.isEmpty() ? "nothing to send, " + outbox.dir() + " is empty"
                        : sent);
            }
            String failure = replay.failure() != null ? "not sent: " + replay.failure()
                    : "not sent: more than " + DeliveryBudget.REPLAY_MAX_REPORTS + " per run";
            return new Outcome(Status.SAVED, (sent.isEmpty() ? "" : sent + "; ") + failure + "; "
                    + SummaryLine.waiting(left, "still ") + outbox.dir());
        }
    }

    private ReportSender sender(URI endpoint, DeliveryBudget budget) {
        ProxySettings proxies = ProxySettings.from(context.systemProperties(), context.environment());
        return new ReportSender(endpoint, config.token(), proxies, budget, log);
    }

    /** The queued reports to send now (local work, but inside the budget like everything else). */
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

    private record Replay(int sent, String failure) {
    }
}
