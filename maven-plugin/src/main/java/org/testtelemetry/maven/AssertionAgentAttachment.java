package org.testtelemetry.maven;

import java.io.File;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.testtelemetry.core.TelemetryLog;

/**
 * Extension mode: attaches the assertion-counting agent to a Surefire or Failsafe goal's test JVMs, just before
 * the goal runs (its test classpath is resolved then, its configuration not yet applied). The agent is the
 * adapter jar found on the test classpath ({@code -javaagent:<telemetry-junit5-extension.jar>}); a module
 * without an adapter gets nothing.
 *
 * <p>Robust against the usual {@code argLine} traps: the option is appended to the goal's own {@code argLine},
 * whether it is the default {@code ${argLine}} property (JaCoCo's {@code prepare-agent} sets it: both agents
 * are attached), a literal the pom sets without {@code @{argLine}}, or absent; {@code ${argLine}} without such a
 * property is dropped rather than left for the JVM to choke on. An argLine that already names the agent is left
 * alone.
 */
final class AssertionAgentAttachment {

    static final Set<String> ADAPTERS = Set.of("telemetry-junit5-extension", "telemetry-testng-listener");
    private static final String ARG_LINE = "argLine";
    private static final String ARG_LINE_PROPERTY = "${argLine}";

    private AssertionAgentAttachment() {
    }

    /** Attaches the agent to the test goal of {@code event}, when its test classpath has an adapter jar. */
    static void attach(ExecutionEvent event, TelemetryLog log) {
        MavenProject project = event.getProject();
        MojoExecution execution = event.getMojoExecution();
        File jar = adapterJar(project.getArtifacts());
        if (jar == null) {
            log.debug("Test telemetry: no adapter jar on the test classpath of " + project.getArtifactId()
                    + ": assertions are not counted there");
            return;
        }
        MavenSession session = event.getSession();
        List<Properties> properties = session == null ? List.of(project.getProperties())
                : List.of(project.getProperties(), session.getUserProperties(), session.getSystemProperties());
        execution.setConfiguration(withAgent(execution.getConfiguration(), jar, properties));
        log.debug("Test telemetry: " + execution.getArtifactId() + ":" + execution.getGoal()
                + " test JVMs count assertions with " + jar.getName());
    }

    /** The first adapter jar on a resolved test classpath, or null. */
    static File adapterJar(Iterable<Artifact> artifacts) {
        if (artifacts == null) {
            return null;
        }
        for (Artifact artifact : artifacts) {
            File file = artifact.getFile();
            if (PluginSettings.GROUP_ID.equals(artifact.getGroupId()) && ADAPTERS.contains(artifact.getArtifactId())
                    && file != null && file.isFile() && file.getName().endsWith(".jar")) {
                return file;
            }
        }
        return null;
    }

    /**
     * The goal's configuration with {@code -javaagent:<jar>} at the end of its {@code argLine}.
     *
     * @param definedProperties project, user and system properties of the build, in that order: where an
     *                          {@code ${argLine}} default would be looked up
     * @return the same (changed) configuration object, or a new one when there was none
     */
    static Xpp3Dom withAgent(Xpp3Dom configuration, File agentJar, List<Properties> definedProperties) {
        Xpp3Dom dom = configuration != null ? configuration : new Xpp3Dom("configuration");
        Xpp3Dom argLine = dom.getChild(ARG_LINE);
        if (argLine == null) {
            argLine = new Xpp3Dom(ARG_LINE);
            dom.addChild(argLine);
        }
        String value = argLine.getValue() == null ? "" : argLine.getValue();
        if (value.contains(agentJar.getName())) {
            return dom; // the user attached it already (the agent would count once anyway)
        }
        if (value.contains(ARG_LINE_PROPERTY)
                && definedProperties.stream().noneMatch(p -> p != null && p.getProperty(ARG_LINE) != null)) {
            value = value.replace(ARG_LINE_PROPERTY, "");
        }
        argLine.setValue((value.trim() + " " + option(agentJar)).trim());
        return dom;
    }

    /** {@code -javaagent:<path>}, quoted when the path has a space (Surefire splits its argLine like a shell). */
    static String option(File agentJar) {
        String option = "-javaagent:" + agentJar.getAbsolutePath();
        return option.indexOf(' ') >= 0 ? "\"" + option + "\"" : option;
    }
}
