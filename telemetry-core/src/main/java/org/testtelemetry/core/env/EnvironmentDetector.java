package org.testtelemetry.core.env;

import java.util.List;
import java.util.Map;
import org.testtelemetry.core.TelemetryVersion;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Environment.Framework;

/**
 * Assembles the report's {@link Environment} from the JVM and process: versions and canonical ids only, each from
 * its {@link Vocabulary} (what the JVM says is never copied as it is).
 *
 * <pre>{@code
 * Environment env = EnvironmentDetector.detect(SystemProperties.snapshot(), System.getenv(), "junit5", null);
 * }</pre>
 */
public final class EnvironmentDetector {

    private EnvironmentDetector() {
    }

    /**
     * @param adapter   which client builds the report: junit5, testng, maven-plugin or cli
     * @param buildTool the build tool when the caller knows it (the Maven plugin does), else null to detect
     */
    public static Environment detect(Map<String, String> sysProps, Map<String, String> env, String adapter,
                                     BuildTool buildTool) {
        return Vocabulary.canonical(new Environment(
                new Environment.JavaRuntime(sysProps.get("java.version"), sysProps.get("java.vendor")),
                List.<Framework>of(),
                new Environment.TelemetryClient(TelemetryVersion.get(), adapter),
                new Environment.OperatingSystem(sysProps.get("os.name"), sysProps.get("os.version")),
                Arch.normalize(sysProps.get("os.arch")),
                CiProviders.detect(env),
                buildTool != null ? buildTool : BuildTools.detect(sysProps, env)));
    }
}
