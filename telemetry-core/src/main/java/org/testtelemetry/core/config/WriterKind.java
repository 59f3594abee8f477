package org.testtelemetry.core.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The writers {@code telemetry.writers} can name. {@link Configuration} parses the setting into these once (an
 * unknown name is one warning line); the delivery turns each into its writer.
 */
public enum WriterKind {
    /** POST to {@code telemetry.endpoint}, queued reports first; what is not delivered goes to the outbox. */
    HTTP,
    /** The run's one line at INFO (without it, at DEBUG). */
    STDOUT,
    /** {@code <build dir>/telemetry/report-<id>.json}, pretty-printed. */
    FILE;

    /** The name users write, e.g. {@code http}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The writer named {@code id} (any case, surrounding blanks ignored), or empty when there is none. */
    public static Optional<WriterKind> byId(String id) {
        String name = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (WriterKind kind : values()) {
            if (kind.id().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }
}
