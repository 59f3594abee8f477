package org.testtelemetry.report;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Assembles a {@link Report}. Building does not check privacy: the client's pipeline passes every report
 * through its privacy guard as one explicit step before any writer sees it.
 *
 * <pre>{@code
 * Report report = ReportBuilder.create(environment, project)
 *         .metrics(recorder.snapshot(...))
 *         .build();
 * }</pre>
 */
@API(status = MAINTAINED)
public final class ReportBuilder {

    private final Environment environment;
    private final Project project;
    private Metrics metrics = Metrics.EMPTY;
    private UUID id;
    private Clock clock = Clock.systemUTC();

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

    /** The idempotency key; a random UUID by default (drawn at the first {@link #build()}, only when none was given). */
    public ReportBuilder id(UUID value) {
        this.id = Objects.requireNonNull(value, "id");
        return this;
    }

    public ReportBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    public Report build() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (id == null) {
            id = UUID.randomUUID(); // drawn once: building twice gives the same id, as before
        }
        return new Report(Report.SCHEMA_VERSION, id, now, project, environment, metrics);
    }
}
