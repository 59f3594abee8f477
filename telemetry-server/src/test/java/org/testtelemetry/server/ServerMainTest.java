package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ServerMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ServerMain.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "rollup --help", "--port 0 -h"})
    void helpPrintsTheCommandsAndOptionsAndExitsZeroWithoutStarting(String args) {
        assertThat(run(args.split(" "))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ServerMain.USAGE)
                .contains("--port", "--store", "TELEMETRY_SERVER_PORT", "hash-token");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void everyOptionTheHelpNamesIsOneTheServerKnows() {
        Matcher option = Pattern.compile("^  (--[a-z-]+) ", Pattern.MULTILINE).matcher(ServerMain.USAGE);
        List<String> options = new ArrayList<>();
        while (option.find()) {
            options.add(option.group(1));
        }
        assertThat(options).hasSize(15);
        for (String name : options) {
            try {
                ServerOptions.parse(List.of(name, "1"), Map.of());
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as(name).doesNotContain("unknown option");
            }
        }
        try {
            ServerOptions.parse(List.of("--nope", "1"), Map.of());
            throw new AssertionError("an unknown option was accepted");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isEqualTo("unknown option --nope");
        }
    }

    @Test
    void anUnknownCommandIsOneLineThatPointsToTheHelp() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n")
                .contains("unknown command frobnicate").contains("--help");
    }
}
