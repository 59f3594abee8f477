package org.testtelemetry.report;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.apiguardian.api.API;

/** Which parts of the project identity are hashed before a report leaves the machine. */
@API(status = STABLE)
public enum Anonymization {
    /** Vendor and name in clear: the user chose to publish them. */
    NONE,
    /** Vendor in clear, name hashed. */
    PROJECT,
    /** Vendor and name hashed (the default). */
    ALL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none|project|all} in any case; returns null for anything else. */
    @JsonCreator
    public static Anonymization parse(String value) {
        if (value == null) {
            return null;
        }
        for (Anonymization mode : values()) {
            if (mode.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        return null;
    }
}
