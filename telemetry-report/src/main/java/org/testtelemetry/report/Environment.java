package org.testtelemetry.report;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Where a run happened: versions and canonical ids only, never host, user or path.
 *
 * @param frameworks test frameworks (engines) that ran tests, with their versions
 * @param arch       normalized CPU architecture (amd64, arm64, ...)
 * @param ci         canonical CI provider id, {@code "ci"} for an unknown CI, or null outside CI
 * @param buildTool  build tool and version, or null when unknown
 */
@API(status = STABLE)
public record Environment(JavaRuntime java, List<Framework> frameworks, TelemetryClient telemetry, OperatingSystem os,
                          String arch, String ci, BuildTool buildTool) {

    public Environment {
        frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    }

    /** A copy with other frameworks (adapters learn them during the run). */
    public Environment withFrameworks(List<Framework> newFrameworks) {
        return new Environment(java, newFrameworks, telemetry, os, arch, ci, buildTool);
    }

    /** A copy with another telemetry client (each adapter names itself). */
    public Environment withTelemetry(TelemetryClient newTelemetry) {
        return new Environment(java, frameworks, newTelemetry, os, arch, ci, buildTool);
    }

    /** A copy with another build tool. */
    public Environment withBuildTool(BuildTool newBuildTool) {
        return new Environment(java, frameworks, telemetry, os, arch, ci, newBuildTool);
    }

    /** @param version {@code java.version}, e.g. 17.0.15 @param vendor {@code java.vendor} */
    public record JavaRuntime(String version, String vendor) { }

    /** A test framework or engine, e.g. junit-jupiter 6.1.3. */
    public record Framework(String name, String version) { }

    /** @param version this library's version @param adapter junit5, testng, maven-plugin or cli */
    public record TelemetryClient(String version, String adapter) { }

    /** @param name {@code os.name} @param version {@code os.version} */
    public record OperatingSystem(String name, String version) { }

    /** @param name maven, gradle, ide or unknown @param version its version when known, else null */
    public record BuildTool(String name, String version) { }
}
