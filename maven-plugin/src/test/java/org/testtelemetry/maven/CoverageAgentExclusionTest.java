package org.testtelemetry.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoverageAgentExclusionTest {

    private static final String JAR = "/m2/org/jacoco/org.jacoco.agent/0.8.15/org.jacoco.agent-0.8.15-runtime.jar";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // prepare-agent's usual option
        "-javaagent:" + JAR + "=destfile=/p/target/jacoco.exec"
            + "|-javaagent:" + JAR + "=destfile=/p/target/jacoco.exec,excludes=org.testtelemetry.*",
        // the user's own excludes: ours joins them
        "-javaagent:" + JAR + "=destfile=/p/j.exec,excludes=com.acme.gen.*,append=true"
            + "|-javaagent:" + JAR + "=destfile=/p/j.exec,excludes=com.acme.gen.*:org.testtelemetry.*,append=true",
        // an agent without options
        "-Xmx1g -javaagent:" + JAR + " -ea|-Xmx1g -javaagent:" + JAR + "=excludes=org.testtelemetry.* -ea",
        // already excluded (a second test goal of the module): unchanged
        "-javaagent:" + JAR + "=excludes=org.testtelemetry.*|-javaagent:" + JAR + "=excludes=org.testtelemetry.*",
        // other agents and options are not touched
        "-javaagent:/m2/telemetry-junit5-extension-1.0.jar -Dx=org.jacoco.agent"
            + "|-javaagent:/m2/telemetry-junit5-extension-1.0.jar -Dx=org.jacoco.agent",
        // a path with a space: JaCoCo quotes the whole option
        "\"-javaagent:/my m2/org.jacoco.agent-0.8.15-runtime.jar=destfile=/my p/jacoco.exec\" -Xss1m"
            + "|\"-javaagent:/my m2/org.jacoco.agent-0.8.15-runtime.jar=destfile=/my p/jacoco.exec,"
            + "excludes=org.testtelemetry.*\" -Xss1m",
        // JaCoCo's option values may hold commas not followed by a name
        "-javaagent:" + JAR + "=includes=a.*,destfile=/p/x,y.exec"
            + "|-javaagent:" + JAR + "=includes=a.*,destfile=/p/x,y.exec,excludes=org.testtelemetry.*",
        "''|''"})
    void eachJaCoCoAgentLeavesTelemetrysClassesAlone(String argLine, String expected) {
        assertThat(CoverageAgentExclusion.excluding(argLine)).isEqualTo(expected);
    }

    @Test
    void theArgLinePropertyAndTheGoalsOwnArgLineAreBothChanged() {
        MavenProject project = new MavenProject();
        project.getProperties().setProperty("argLine", "-javaagent:" + JAR + "=destfile=/p/jacoco.exec");
        project.getProperties().setProperty("jacocoIt", "-javaagent:" + JAR + "=destfile=/p/it.exec");
        project.getProperties().setProperty("other", "-Xmx1g");
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom argLine = new Xpp3Dom("argLine");
        argLine.setValue("@{argLine} -javaagent:" + JAR + "=destfile=/p/literal.exec");
        configuration.addChild(argLine);
        MojoExecution execution = execution(configuration);

        CoverageAgentExclusion.apply(project, execution);
        CoverageAgentExclusion.apply(project, execution); // a second goal of the module: no second exclusion

        assertThat(project.getProperties().getProperty("argLine"))
                .isEqualTo("-javaagent:" + JAR + "=destfile=/p/jacoco.exec,excludes=org.testtelemetry.*");
        assertThat(project.getProperties().getProperty("jacocoIt"))
                .isEqualTo("-javaagent:" + JAR + "=destfile=/p/it.exec,excludes=org.testtelemetry.*");
        assertThat(project.getProperties().getProperty("other")).isEqualTo("-Xmx1g");
        assertThat(argLine.getValue())
                .isEqualTo("@{argLine} -javaagent:" + JAR + "=destfile=/p/literal.exec,excludes=org.testtelemetry.*");
    }

    @Test
    void aGoalWithoutConfigurationIsFine() {
        MavenProject project = new MavenProject();
        CoverageAgentExclusion.apply(project, execution(null));
        assertThat(project.getProperties()).isEmpty();
    }

    private static MojoExecution execution(Xpp3Dom configuration) {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("org.apache.maven.plugins");
        plugin.setArtifactId("maven-surefire-plugin");
        plugin.setPlugin(new Plugin());
        MojoDescriptor mojo = new MojoDescriptor();
        mojo.setGoal("test");
        mojo.setPluginDescriptor(plugin);
        MojoExecution execution = new MojoExecution(mojo, "default-test");
        execution.setConfiguration(configuration);
        return execution;
    }
}
