package org.testtelemetry.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssertionAgentAttachmentTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultArgLinePropertyKeepsJaCoCosAgentAndGetsOursAfterIt() throws IOException {
        File jar = jar("telemetry-junit5-extension-1.0.jar");
        Properties jacoco = new Properties();
        jacoco.setProperty("argLine", "-javaagent:/m2/jacoco.agent.jar=destfile=x");

        Xpp3Dom result = AssertionAgentAttachment.withAgent(config("${argLine}"), jar, List.of(jacoco));

        assertThat(argLine(result)).isEqualTo("${argLine} -javaagent:" + jar.getAbsolutePath());
    }

    @Test
    void anArgLineOfThePomsOwnWithoutTheArgLinePropertyGetsTheAgentToo() throws IOException {
        File jar = jar("telemetry-testng-listener-1.0.jar");

        Xpp3Dom result = AssertionAgentAttachment.withAgent(config("-Xmx256m -Dfile.encoding=UTF-8"), jar,
                List.of(new Properties()));

        assertThat(argLine(result)).isEqualTo("-Xmx256m -Dfile.encoding=UTF-8 -javaagent:" + jar.getAbsolutePath());
    }

    @Test
    void anUndefinedArgLinePropertyIsDroppedNotPassedToTheJvm() throws IOException {
        File jar = jar("telemetry-junit5-extension-1.0.jar");

        Xpp3Dom result = AssertionAgentAttachment.withAgent(config("${argLine}"), jar,
                List.of(new Properties(), new Properties()));

        assertThat(argLine(result)).isEqualTo("-javaagent:" + jar.getAbsolutePath());
        assertThat(argLine(AssertionAgentAttachment.withAgent(null, jar, List.of())))
                .as("a goal without configuration").isEqualTo("-javaagent:" + jar.getAbsolutePath());
    }

    @Test
    void anArgLineThatAlreadyNamesTheAgentIsLeftAloneAndAPathWithASpaceIsQuoted() throws IOException {
        File jar = jar("telemetry-junit5-extension-1.0.jar");
        String own = "-javaagent:/elsewhere/telemetry-junit5-extension-1.0.jar";
        assertThat(argLine(AssertionAgentAttachment.withAgent(config(own), jar, List.of()))).isEqualTo(own);

        Files.createDirectories(dir.resolve("with space"));
        File spaced = Files.createFile(dir.resolve("with space/telemetry-junit5-extension-1.0.jar")).toFile();
        assertThat(AssertionAgentAttachment.option(spaced)).isEqualTo("\"-javaagent:" + spaced.getAbsolutePath() + "\"");
    }

    @Test
    void onlyAnAdapterJarOnTheTestClasspathQualifies() throws IOException {
        Artifact junit = artifact("org.junit.jupiter", "junit-jupiter-api", jar("junit-jupiter-api-6.jar"));
        Artifact core = artifact("org.testtelemetry", "telemetry-core", jar("telemetry-core-1.0.jar"));
        Artifact classes = artifact("org.testtelemetry", "telemetry-junit5-extension",
                Files.createDirectories(dir.resolve("classes")).toFile());
        File ngJar = jar("telemetry-testng-listener-1.0.jar");
        Artifact ng = artifact("org.testtelemetry", "telemetry-testng-listener", ngJar);

        assertThat(AssertionAgentAttachment.adapterJar(List.of(junit, core, classes))).isNull();
        assertThat(AssertionAgentAttachment.adapterJar(List.of(junit, core, classes, ng))).isEqualTo(ngJar);
        assertThat(AssertionAgentAttachment.adapterJar(null)).isNull();
    }

    private File jar(String name) throws IOException {
        return Files.write(dir.resolve(name), new byte[] {'P', 'K'}).toFile();
    }

    private static Artifact artifact(String group, String id, File file) {
        Artifact artifact = new DefaultArtifact(group, id, "1.0", "test", "jar", null, new DefaultArtifactHandler("jar"));
        artifact.setFile(file);
        return artifact;
    }

    private static Xpp3Dom config(String argLine) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom("argLine");
        child.setValue(argLine);
        configuration.addChild(child);
        return configuration;
    }

    private static String argLine(Xpp3Dom configuration) {
        return configuration.getChild("argLine").getValue();
    }
}
