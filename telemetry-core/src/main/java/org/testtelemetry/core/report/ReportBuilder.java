package org.testtelemetry.core.report;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.testtelemetry.core.privacy.PrivacyGuard;

/**
 * Assembles a {@link Report}. Every report passes the {@link PrivacyGuard} on its way out of {@link #build()},
 * so no caller can forget it.
 *
 * <pre>{@code
 * Report report = ReportBuilder.create(environment, project)
 *         .metrics(recorder.snapshot(...))
 *         .build();
 * }</pre>
 */
public final class ReportBuilder {

    private final Environment environment;
    private final Project project;
    private Metrics metrics = Metrics.EMPTY;
    private UUID id = UUID.randomUUID();
    private Clock clock = Clock.systemUTC();
    private PrivacyGuard guard;

    private ReportBuilder(Environment environment, Project project) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.project = Objects.requireNonNull(project, "project");
    }

    public static ReportBuilder create(Environment environment, Project project) {
        return new ReportBuilder(environment, project);
    }

    public ReportBuilder metrics(Metrics value) {
        this.metrics = Objects.requireNonNull(value, "metrics");
        return this;
    }

    /** The idempotency key; random by default. */
    public ReportBuilder id(UUID value) {
        this.id = Objects.requireNonNull(value, "id");
        return this;
    }

    public ReportBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** The guard to apply; by default one built from the current process. */
    public ReportBuilder guard(PrivacyGuard value) {
        this.guard = Objects.requireNonNull(value, "guard");
        return this;
    }

    public Report build() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Report report = new Report(Report.SCHEMA_VERSION, id, now, project, environment, metrics);
        return (guard != null ? guard : PrivacyGuard.forCurrentProcess()).enforce(report);
    }
}
