package org.testtelemetry.core.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import org.apiguardian.api.API;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.config.SecretMask;
import org.testtelemetry.core.privacy.PrivacyGuard;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * What a run would send, and why, as the {@code show} command line tool and the Maven plugin's
 * {@code telemetry:show} both print it: one renderer, so the two cannot drift apart.
 *
 * <pre>{@code
 * ShowReport.print(context.reportBuilder().build(), context, "no readable pom.xml in " + projectDir,
 *         System.out, System.err);
 * }</pre>
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public final class ShowReport {

    private ShowReport() {
    }

    /**
     * The report as it would be sent (after the privacy step, which this applies) as JSON on {@code out}, then
     * every setting with its source, the project and what it is sent as (the JSON's own values), and whether
     * telemetry is on, on {@code err}. Writes no file.
     *
     * @param built              the report as built, before the privacy step
     * @param unknownProjectHint why the project may be unknown, e.g. "no readable pom.xml in DIR"
     */
    public static void print(Report built, RunContext context, String unknownProjectHint, PrintStream out,
                             PrintStream err) {
        Configuration config = context.config();
        Report report = PrivacyGuard.forCurrentProcess().enforce(built);
        out.println(ReportJson.writePretty(report));

        err.println("Settings (value, then where it came from):");
        for (ConfigKey key : ConfigKey.values()) {
            String value = config.displayValue(key);
            err.printf("  %-27s %-40s %s%n", key.key(), value == null ? "(not set)" : value, config.sourceLabel(key));
        }
        if (context.name().vendor() == null && context.name().name() == null) {
            err.println("Project: unknown (no telemetry.project setting and " + unknownProjectHint + ")");
        } else {
            err.println("Project: " + context.name() + " sent as " + report.project().vendor() + "/"
                    + report.project().name() + " (anonymize=" + config.anonymize().id() + ")"
                    + (context.oneTimeKey() && config.anonymize() != Anonymization.NONE
                            ? "; hashed with a one-time key, as telemetry is off and no key file exists yet:"
                            + " an enabled run creates one, so its ids will differ" : ""));
        }
        if (config.enabled()) {
            err.println("Telemetry is enabled: a test run would report to "
                    + (config.endpoint() == null ? "no endpoint (writers: " + Configuration.ids(config.writers()) + ")"
                            : SecretMask.url(config.endpoint().toString()) + " (writers: " + Configuration.ids(config.writers()) + ")"));
        } else {
            err.println("Telemetry is disabled: " + config.disabledReason() + "; a test run would send and write nothing");
        }
    }
}
