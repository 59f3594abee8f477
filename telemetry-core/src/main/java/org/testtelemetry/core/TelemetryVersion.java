package org.testtelemetry.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This library's own version, as Maven filtered it into the jar. */
public final class TelemetryVersion {

    private static final String VERSION = load();

    private TelemetryVersion() {
    }

    /** e.g. {@code 0.1.0}; {@code unknown} when the jar's version file is missing. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        // the jar's manifest, which its class loader has read already; the file below is read only without one
        String manifest = TelemetryVersion.class.getPackage().getImplementationVersion();
        if (manifest != null && !manifest.isBlank()) {
            return manifest;
        }
        try (InputStream in = TelemetryVersion.class.getResourceAsStream("telemetry-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            String v = props.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
