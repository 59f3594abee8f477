package org.testtelemetry.maven;

import java.nio.file.Path;

/**
 * Names one Surefire/Failsafe execution of a module, {@code <plugin>-<execution id>} (e.g.
 * {@code surefire-default-test}, {@code failsafe-integration-tests}): the sub-folder of the module's run directory
 * its forks write their partial results to, so two executions never mix theirs.
 */
final class ExecutionKey {

    private ExecutionKey() {
    }

    static String of(String pluginArtifactId, String executionId) {
        String plugin = pluginArtifactId == null ? "tests" : pluginArtifactId.replace("maven-", "").replace("-plugin", "");
        String id = executionId == null || executionId.isBlank() ? "default-cli" : executionId;
        return (plugin + "-" + id).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static Path runDir(Path runRoot, String pluginArtifactId, String executionId) {
        return runRoot.resolve(of(pluginArtifactId, executionId));
    }
}
