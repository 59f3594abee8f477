package org.testtelemetry.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path home;

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("user.home", home.toString(), "user.dir", home.toString(), "java.version", "17.0.15"), Map.of());
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void unknownCommandIsExitTwoWithUsage() {
        String[] r = run("frobnicate");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("unknown command 'frobnicate'").contains("Usage");
    }

    @Test
    void helpAndVersion() {
        assertThat(run()[1]).contains("show");
        assertThat(run("version")[1]).startsWith("test-telemetry ");
    }

    @Test
    void unknownShowArgumentIsIgnoredWithAWarning() {
        String[] r = run("show", "--colour");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[2]).contains("ignoring unknown argument '--colour'");
        assertThat(r[1]).contains("\"schemaVersion\" : 1");
    }
}
