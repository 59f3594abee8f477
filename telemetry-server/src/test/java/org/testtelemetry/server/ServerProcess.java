package org.testtelemetry.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server jar as a child process, as an operator runs it ({@code java -jar}). */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    final Process process;
    final URI base;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private Thread pump;

    private ServerProcess(Process process, URI base, List<String> earlyLines) {
        this.process = process;
        this.base = base;
        this.lines.addAll(earlyLines);
    }

    static Path jar() {
        String jar = System.getProperty("telemetry.it.serverJar");
        if (jar == null) {
            throw new IllegalStateException("run by failsafe (telemetry.it.serverJar)");
        }
        return Path.of(jar);
    }

    /** Starts the jar in {@code workDir} and waits for its "listening on" line. */
    static ServerProcess start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        CompletableFuture<URI> base = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    seen.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return URI.create(m.group(1));
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        URI uri;
        try {
            uri = base.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            uri = null;
        }
        if (uri == null) {
            p.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + String.join("\n", seen));
        }
        ServerProcess server = new ServerProcess(p, uri, seen);
        Thread pump = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    server.lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "server-output");
        pump.setDaemon(true);
        pump.start();
        server.pump = pump;
        return server;
    }

    /** SIGTERM and the exit code. */
    int terminate() throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        pump.join(10_000); // its last lines
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no drain. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
