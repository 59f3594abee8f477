package org.testtelemetry.report;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The project a report is about, as it is sent: hashed or in clear according to {@code anonymized}.
 *
 * @param vendor     vendor (e.g. a Maven groupId) in clear, a versioned keyed hash, or null when unknown
 * @param name       project name (e.g. an artifactId) in clear, a versioned keyed hash, or null when unknown
 * @param anonymized which of the two are hashed
 */
@API(status = STABLE)
public record Project(String vendor, String name, Anonymization anonymized) {

    public Project {
        if (anonymized == null) {
            anonymized = Anonymization.ALL;
        }
    }
}
