package org.testtelemetry.core.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.testtelemetry.core.SystemProperties;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.TelemetryVersion;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.coverage.CoverageCommand;
import org.testtelemetry.core.delivery.DeliveryContext;
import org.testtelemetry.core.delivery.ReportDelivery;
import org.testtelemetry.core.run.RunContext;
import org.testtelemetry.core.run.ShowReport;

/**
 * {@code java -jar telemetry-core.jar show [--project-dir DIR]}: what a run here would send, and why;
 * {@code java -jar telemetry-core.jar flush}: send the reports waiting in the outbox (a last CI step).
 * Always exits 0 for a configuration or delivery problem: it only tells.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, SystemProperties.snapshot(), System.getenv()));
    }

    /** Runs a command; returns the exit code (2 only for a command line it cannot understand). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> sysProps,
                          Map<String, String> env) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "show":
                return show(rest, out, err, sysProps, env);
            case "coverage":
                return CoverageCommand.run(rest, out, err);
            case "flush":
                return flush(rest, out, err, sysProps, env);
            case "help":
            case "--help":
            case "-h":
                usage(out);
                return 0;
            case "--version":
            case "version":
                out.println("test-telemetry " + TelemetryVersion.get());
                return 0;
            default:
                err.println("Test telemetry: unknown command '" + command + "'");
                usage(err);
                return 2;
        }
    }

    private static int show(String[] args, PrintStream out, PrintStream err, Map<String, String> sysProps,
                            Map<String, String> env) {
        Path projectDir = projectDir(args, err, sysProps);
        ConfigInputs inputs = withProcess(projectDir, sysProps, env);
        Configuration config = Configuration.load(inputs);
        TelemetryLog log = TelemetryLog.stream(err, false);
        config.warnings().forEach(w -> log.warn(w.line()));
        RunContext context = RunContext.resolve(config, inputs, projectDir, null, "cli", null, log);
        ShowReport.print(context.reportBuilder().build(), context, "no readable pom.xml in " + projectDir, out, err);
        return 0;
    }

    /** Sends the reports waiting in the outbox; exits 0 whatever happens, so it is safe as a last CI step. */
    private static int flush(String[] args, PrintStream out, PrintStream err, Map<String, String> sysProps,
                             Map<String, String> env) {
        Path projectDir = projectDir(args, err, sysProps);
        Configuration config = Configuration.load(withProcess(projectDir, sysProps, env));
        TelemetryLog log = TelemetryLog.stream(out, false);
        config.warnings().forEach(w -> log.warn(w.line()));
        ReportDelivery.flush(config, log, new DeliveryContext(null, null, sysProps, env));
        return 0;
    }

    private static Path projectDir(String[] args, PrintStream err, Map<String, String> sysProps) {
        Path projectDir = Path.of(sysProps.getOrDefault("user.dir", "."));
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--project-dir") || args[i].equals("-p")) && i + 1 < args.length) {
                projectDir = Path.of(args[++i]);
            } else if (args[i].startsWith("--project-dir=")) {
                projectDir = Path.of(args[i].substring("--project-dir=".length()));
            } else {
                err.println("Test telemetry: ignoring unknown argument '" + args[i] + "'");
            }
        }
        return projectDir;
    }

    private static ConfigInputs withProcess(Path projectDir, Map<String, String> sysProps, Map<String, String> env) {
        ConfigInputs fromFiles = ConfigInputs.fromProcess(projectDir, Map.of(), null, Main.class.getClassLoader());
        return new ConfigInputs(sysProps, env, Map.of(), null, fromFiles.propertiesFile(), fromFiles.propertiesLabel());
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar telemetry-core.jar <command>");
        out.println("  show [--project-dir DIR]   print the report a test run here would send, and each setting's source");
        out.println("  coverage --exec FILE[,FILE] --classes DIR|JAR[,...] [--stats]");
        out.println("                             print the JaCoCo coverage totals a report would carry");
        out.println("  flush [--project-dir DIR]  send the reports waiting in the outbox (always exits 0)");
        out.println("  version                    print this tool's version");
    }
}
