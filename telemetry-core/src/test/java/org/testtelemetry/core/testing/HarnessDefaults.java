package org.testtelemetry.core.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every in-process adapter harness starts from: telemetry on, the report written as a partial result
 * into a temporary run directory (nothing sent anywhere), and a fixed salt so no key file is created in the home.
 */
public final class HarnessDefaults {

    private HarnessDefaults() {
    }

    /** {@code telemetry.enabled=true}, {@code telemetry.runDir=runDir}, {@code telemetry.salt=a-test-salt}. */
    public static Map<String, String> settings(Path runDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("telemetry.enabled", "true");
        settings.put("telemetry.runDir", runDir.toString());
        settings.put("telemetry.salt", "a-test-salt");
        return settings;
    }
}
