package org.testtelemetry.core;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apiguardian.api.API;

/**
 * The JVM's system properties as a plain map. Lives at the bottom of core so that configuration, privacy and
 * delivery can all read the process's properties without depending on one another.
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public final class SystemProperties {

    private SystemProperties() {
    }

    /** A snapshot of {@link System#getProperties()} as strings; later changes to the properties do not show. */
    public static Map<String, String> snapshot() {
        Map<String, String> out = new HashMap<>();
        Properties props = System.getProperties();
        for (String name : props.stringPropertyNames()) {
            out.put(name, props.getProperty(name));
        }
        return out;
    }
}
