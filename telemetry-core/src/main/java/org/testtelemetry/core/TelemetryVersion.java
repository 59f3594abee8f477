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
        // the jar's manifest, which its class loader has read already, when the jar is one of ours (not another
        // project's jar that shaded us in); else the file below
        Package pkg = TelemetryVersion.class.getPackage();
        String title = pkg.getImplementationTitle();
        String manifest = pkg.getImplementationVersion();
        if (title != null && title.startsWith("telemetry-") && manifest != null && !manifest.isBlank()) {
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
