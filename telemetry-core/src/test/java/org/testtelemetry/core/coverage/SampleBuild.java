package org.testtelemetry.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;

/** Compiles small sample programs with the JDK's compiler, so tests run real bytecode under the real agent. */
final class SampleBuild {

    private SampleBuild() {
    }

    /** Compiles {@code sources} (path → text, e.g. {@code sample/Main.java}) into {@code out}; returns {@code out}. */
    static Path compile(Path workDir, Path out, Map<String, String> sources) throws IOException {
        return compile(workDir, out, sources, List.of());
    }

    /** Same, compiling against {@code classPath}. */
    static Path compile(Path workDir, Path out, Map<String, String> sources, List<Path> classPath) throws IOException {
        Path sourceDir = Files.createTempDirectory(workDir, "src");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-g", "-d", out.toString()));
        if (!classPath.isEmpty()) {
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        Files.createDirectories(out);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        assertThat(status).as("javac failed: %s", errors).isZero();
        return out;
    }
}
