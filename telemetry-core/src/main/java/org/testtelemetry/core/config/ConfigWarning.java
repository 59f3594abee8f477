package org.testtelemetry.core.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One bad setting, as a value: which key it was about and the one warning line for the user. Callers decide by
 * {@link #key()} (a run that is off still shows a bad {@code telemetry.enabled}), never by the line's text.
 *
 * @param key  the setting the warning is about
 * @param line the warning as printed, e.g. {@code Test telemetry: ignoring telemetry.timeout='soon' from ...}
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public record ConfigWarning(ConfigKey key, String line) {

    @Override
    public String toString() {
        return line;
    }
}
