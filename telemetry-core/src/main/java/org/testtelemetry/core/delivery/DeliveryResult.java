package org.testtelemetry.core.delivery;

/**
 * What happened to a report, as the one line a run prints.
 *
 * @param status how it ended
 * @param line   the human line, e.g. "Test telemetry: 95 tests (...) — sent to https://host in 41 ms"
 */
public record DeliveryResult(Status status, String line) {

    public enum Status { SENT, SAVED, WRITTEN, DRY_RUN, DISABLED, FAILED }
}
