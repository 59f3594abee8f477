package org.testtelemetry.report;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * One test run's telemetry report, schema v1: the contract between every client and the platform.
 * Instances are immutable and built with {@link ReportBuilder}; {@link ReportJson} turns them into the
 * JSON that {@code report-v1.schema.json} describes.
 *
 * <pre>{@code
 * Report report = ReportBuilder.create(environment, project).metrics(metrics).build();
 * String json = ReportJson.write(report);
 * }</pre>
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION}
 * @param id            the report's idempotency key: the platform stores a report id once
 * @param createdAt     when the report was assembled (UTC)
 */
@API(status = STABLE)
public record Report(int schemaVersion, UUID id, Instant createdAt, Project project, Environment environment,
                     Metrics metrics) {

    /** The schema version this model writes. */
    public static final int SCHEMA_VERSION = 1;

    public Report {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(metrics, "metrics");
    }
}
