package org.testtelemetry.core.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.testing.ChildJvm;

/**
 * The agent as the JVM starts it ({@code -javaagent}, {@code premain}) in a child JVM running real assertion
 * libraries: it counts, it counts once when attached twice, {@code telemetry.assertions=false} keeps it off, and it
 * loads no class of anyone else's that the program would not have loaded without it.
 */
class AssertionAgentTest {

    @TempDir
    Path dir;

    @Test
    void premainCountsEveryCallSiteOfTheProgram() throws Exception {
        Path agent = agentJar();
        assertThat(run("-javaagent:" + agent)).contains("attached=true counted=13");
        assertThat(run("-javaagent:" + agent, "-javaagent:" + agent)).as("attached twice")
                .contains("attached=true counted=13");
        assertThat(run("-javaagent:" + agent, "-Dtelemetry.assertions=false")).contains("attached=false counted=0");
        assertThat(run()).contains("attached=false counted=0");
    }

    @Test
    void theAgentLoadsNoClassOfTheProgramsOrItsLibrariesThatItWouldNotHaveLoaded() throws Exception {
        Path agent = agentJar();
        Path without = dir.resolve("without.log");
        Path with = dir.resolve("with.log");
        run("-Xlog:class+load=info:file=" + without);
        run("-javaagent:" + agent, "-Xlog:class+load=info:file=" + with);

        Set<String> extra = loaded(with);
        extra.removeAll(loaded(without));
        // our own classes and the JDK's java.lang.instrument plumbing are the agent's; nothing else
        extra.removeIf(name -> name.startsWith("org.testtelemetry.") || name.startsWith("java.")
                || name.startsWith("jdk.") || name.startsWith("sun."));
        assertThat(extra).isEmpty();
        assertThat(loaded(with)).contains("org.junit.jupiter.api.Assertions",
                "org.testtelemetry.core.assertions.AssertionTransformer", "org.testtelemetry.core.assertions.CallSites")
                .as("the rewrite needs no bytecode library (issue 15: loading ASM cold cost ~15 ms per JVM)")
                .noneMatch(name -> name.startsWith("org.objectweb.asm.") || name.startsWith("org.testtelemetry.shaded.asm."));
    }

    @Test
    void aCoverageAgentInTheSameJvmDoesNotInstrumentTheTransformerOrAsm() throws Exception {
        Path exec = dir.resolve("jacoco.exec");
        String output = run("-javaagent:" + System.getProperty("telemetry.test.jacocoAgent") + "=destfile=" + exec,
                "-javaagent:" + agentJar());
        assertThat(output).contains("attached=true counted=13");

        ExecFileLoader loader = new ExecFileLoader();
        loader.load(exec.toFile());
        Set<String> covered = new TreeSet<>();
        loader.getExecutionDataStore().getContents().forEach(data -> covered.add(data.getName()));
        assertThat(covered).as("JaCoCo instrumented the program").contains("sample/assertions/AgentMain")
                .as("and the counter its calls go to").contains("org/testtelemetry/core/assertions/AssertionCounter");
        // what runs only inside the transformer: JaCoCo instrumenting it cost a test JVM ~230 ms of CPU (issue 15)
        assertThat(covered).noneMatch(name -> name.startsWith("org/objectweb/asm/")
                || name.startsWith("org/testtelemetry/core/assertions/AssertionTransformer")
                || name.equals("org/testtelemetry/core/assertions/EntryPoints")
                || name.startsWith("org/testtelemetry/core/assertions/CallSites"));
    }

    private static Set<String> loaded(Path log) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("] ", line.indexOf("class,load"));
            if (line.contains("class,load") && at > 0) {
                String rest = line.substring(at + 2);
                int space = rest.indexOf(' ');
                String name = space < 0 ? rest : rest.substring(0, space);
                // generated classes get a new number or random suffix in every run: not comparable by name
                if (!name.contains("$$Lambda") && !name.contains("$ByteBuddy$")) {
                    names.add(name);
                }
            }
        }
        assertThat(names).as("classes logged in " + log).isNotEmpty();
        return names;
    }

    /** A jar with only the manifest the adapters' jars carry; the classes come from the class path. */
    private Path agentJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", AssertionAgent.class.getName());
        Path jar = dir.resolve("agent.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // manifest only
        }
        return jar;
    }

    private String run(String... options) throws Exception {
        return ChildJvm.run("sample.assertions.AgentMain", options);
    }
}
