package org.testtelemetry.core.identity;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.testtelemetry.core.config.ConfigKey;

/**
 * Decides which project a report is about: explicit {@code telemetry.project=vendor/name}, else the build's
 * own coordinates (the Maven plugin passes them), else the {@code pom.xml} in the project directory.
 *
 * <pre>{@code
 * ProjectName name = ProjectIdentity.resolve(config.project(), null, projectDir, log::warn);
 * }</pre>
 */
public final class ProjectIdentity {

    /** What a vendor or name may look like: Maven coordinates and similar ids. */
    static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}");

    private ProjectIdentity() {
    }

    /**
     * @param explicit   the {@code telemetry.project} setting, or null
     * @param fromBuild  coordinates the build tool knows, or null
     * @param projectDir directory whose {@code pom.xml} is read last, or null
     * @return the identity, or a name of two nulls when nothing says who the project is
     */
    public static ProjectName resolve(String explicit, ProjectName fromBuild, Path projectDir,
                                      Consumer<String> warn) {
        if (explicit != null && !explicit.isBlank()) {
            ProjectName parsed = parse(explicit.trim());
            if (parsed != null) {
                return parsed;
            }
            warn.accept("Test telemetry: ignoring " + ConfigKey.PROJECT.key() + "='" + explicit
                    + "': expected vendor/name made of letters, digits, '.', '_' or '-'; using the build's project");
        }
        if (fromBuild != null) {
            return validated(fromBuild, warn);
        }
        if (projectDir != null) {
            ProjectName fromPom = PomReader.read(projectDir.resolve("pom.xml"), warn);
            if (fromPom != null) {
                return validated(fromPom, warn);
            }
        }
        return new ProjectName(null, null);
    }

    /** Parses {@code vendor/name}; null when it is not exactly two valid parts. */
    public static ProjectName parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || !PART.matcher(parts[0]).matches() || !PART.matcher(parts[1]).matches()) {
            return null;
        }
        return new ProjectName(parts[0], parts[1]);
    }

    private static ProjectName validated(ProjectName name, Consumer<String> warn) {
        String vendor = name.vendor();
        String project = name.name();
        if (vendor != null && !PART.matcher(vendor).matches()) {
            warn.accept("Test telemetry: vendor '" + vendor + "' is not a valid id; leaving it out");
            vendor = null;
        }
        if (project != null && !PART.matcher(project).matches()) {
            warn.accept("Test telemetry: project name '" + project + "' is not a valid id; leaving it out");
            project = null;
        }
        return new ProjectName(vendor, project);
    }
}
