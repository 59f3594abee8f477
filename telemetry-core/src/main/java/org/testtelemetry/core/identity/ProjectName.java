package org.testtelemetry.core.identity;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A project's identity in clear, before anonymization. Never sent as is unless the user chose
 * {@code telemetry.anonymize=none}.
 *
 * @param vendor e.g. a Maven groupId; may be null when unknown
 * @param name   e.g. a Maven artifactId; may be null when unknown
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public record ProjectName(String vendor, String name) {

    /** Shown in the user's own console only. */
    @Override
    public String toString() {
        return (vendor == null ? "?" : vendor) + "/" + (name == null ? "?" : name);
    }
}
