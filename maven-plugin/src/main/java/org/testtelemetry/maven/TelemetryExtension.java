package org.testtelemetry.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.delivery.ReportDelivery;
import org.testtelemetry.core.run.PartialResults;

/**
 * Extension mode ({@code <extensions>true</extensions>} on the plugin): one report per module for the whole
 * build, whatever {@code forkCount}/{@code reuseForks}, Surefire and Failsafe together, passing or failing.
 *
 * <p>Before the build, every module that declares the plugin with telemetry enabled gets a run directory
 * per Surefire/Failsafe execution ({@code target/telemetry-run/<plugin>-<execution id>}), handed to its forks as the system property
 * {@code telemetry.runDir} through the goals' {@code systemPropertyVariables}: in-JVM adapters there write
 * partial results instead of sending. After the build — also when tests or anything else failed it — each
 * module whose tests ran gets one report merged from those partials and the XML reports.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.testtelemetry</groupId>
 *   <artifactId>telemetry-maven-plugin</artifactId>
 *   <version>...</version>
 *   <extensions>true</extensions>
 *   <configuration><enabled>true</enabled></configuration>
 * </plugin>
 * }</pre>
 */
public class TelemetryExtension extends AbstractMavenLifecycleParticipant {

    /** Project context key: the module's run directory, present when this extension reports the module. */
    static final String RUN_DIR = TelemetryExtension.class.getName() + ".runDir";

    private static final Set<String> TEST_PLUGINS = Set.of("maven-surefire-plugin", "maven-failsafe-plugin");
    private static final Logger LOGGER = LoggerFactory.getLogger(TelemetryExtension.class);

    // Maven may look a participant up once per project realm; the session state makes the work happen once.
    private static final Map<MavenExecutionRequest, SessionState> SESSIONS = new ConcurrentHashMap<>();

    /** Injected by Maven (see META-INF/plexus/components.xml). */
    private RuntimeInformation runtime;

    public TelemetryExtension() {
    }

    TelemetryExtension(RuntimeInformation runtime) {
        this.runtime = runtime;
    }

    /** Whether the extension reports this module at the end of the session (the report goal then stays quiet). */
    static boolean reportsAtSessionEnd(MavenProject project) {
        return project.getContextValue(RUN_DIR) != null;
    }

    @Override
    public void afterProjectsRead(MavenSession session) {
        TelemetryLog log = MavenTelemetryLog.of(LOGGER);
        try {
            if (SESSIONS.containsKey(session.getRequest())) {
                return;
            }
            SessionState state = new SessionState(Instant.now());
            for (MavenProject project : session.getProjects()) {
                prepare(session, project, state, log);
            }
            if (!state.modules.isEmpty()) {
                log.debug("Test telemetry: the extension reports " + state.modules.size()
                        + " module(s) at the end of the build");
                SESSIONS.put(session.getRequest(), state);
                session.getRequest().setExecutionListener(
                        new TestGoalListener(session.getRequest().getExecutionListener(), state));
            }
        } catch (Throwable t) {
            new FailOpen(log).swallow("starting the extension (it stays inactive)", t);
        }
    }

    private static void prepare(MavenSession session, MavenProject project, SessionState state, TelemetryLog log) {
        Plugin plugin = PluginSettings.declaredIn(project);
        if (plugin == null || PluginSettings.skipped(session, plugin.getConfiguration())) {
            return;
        }
        Map<String, String> buildConfig = PluginSettings.buildConfig(plugin.getConfiguration());
        Configuration config = Configuration.load(
                PluginSettings.inputs(session, project.getBasedir().toPath(), buildConfig));
        if (!config.enabled()) {
            return;
        }
        // Loads the HTTP client while the build runs: the delivery budget at the end counts its class loading.
        ReportDelivery.warmUpFor(config);
        Path runRoot = Path.of(project.getBuild().getDirectory(), "telemetry-run");
        ForkPartials.clear(runRoot, log);
        // Surefire forwards Maven's user properties to forks by itself and warns when a systemPropertyVariables
        // entry overrides one: add telemetry.enabled only when it does not already arrive that way.
        boolean addEnabled = !session.getUserProperties().containsKey(ConfigKey.ENABLED.key());
        for (Plugin candidate : project.getBuildPlugins()) {
            if ("org.apache.maven.plugins".equals(candidate.getGroupId())
                    && TEST_PLUGINS.contains(candidate.getArtifactId())) {
                // One run directory per execution, so two executions never mix their forks' partials; the
                // plugin-level value reaches executions without their own (e.g. mvn surefire:test, default-cli).
                candidate.setConfiguration(withForkProperties(candidate.getConfiguration(),
                        ExecutionKey.runDir(runRoot, candidate.getArtifactId(), "default-cli"), addEnabled));
                for (PluginExecution execution : candidate.getExecutions()) {
                    execution.setConfiguration(withForkProperties(execution.getConfiguration(),
                            ExecutionKey.runDir(runRoot, candidate.getArtifactId(), execution.getId()), addEnabled));
                }
            }
        }
        project.setContextValue(RUN_DIR, runRoot);
        Module module = new Module(project, buildConfig, runRoot);
        module.assertions = config.assertions();
        state.modules.put(project.getId(), module);
    }

    /**
     * Adds {@code telemetry.runDir} (and {@code telemetry.enabled}, which may come from this plugin's
     * configuration only) to a test goal's {@code systemPropertyVariables}, keeping everything the user set.
     */
    static Xpp3Dom withForkProperties(Object configuration, Path runDir, boolean addEnabled) {
        Xpp3Dom dom = configuration instanceof Xpp3Dom existing ? existing : new Xpp3Dom("configuration");
        Xpp3Dom variables = dom.getChild("systemPropertyVariables");
        if (variables == null) {
            variables = new Xpp3Dom("systemPropertyVariables");
            dom.addChild(variables);
        }
        set(variables, ConfigKey.RUN_DIR.key(), runDir.toString());
        if (addEnabled) {
            set(variables, ConfigKey.ENABLED.key(), "true");
        }
        return dom;
    }

    private static void set(Xpp3Dom parent, String name, String value) {
        Xpp3Dom child = parent.getChild(name);
        if (child == null) {
            child = new Xpp3Dom(name);
            parent.addChild(child);
        }
        child.setValue(value);
    }

    @Override
    public void afterSessionEnd(MavenSession session) {
        SessionState state = SESSIONS.remove(session.getRequest());
        if (state == null) {
            return;
        }
        TelemetryLog log = MavenTelemetryLog.of(LOGGER);
        String mavenVersion = AbstractTelemetryMojo.mavenVersion(runtime);
        for (Module module : state.modules.values()) {
            try {
                report(session, state, module, mavenVersion, log);
            } catch (Throwable t) {
                new FailOpen(log).swallow("the report for " + module.project.getArtifactId(), t);
            }
        }
    }

    /** Delivers one module's report: its executions' XML merged with their forks' partials (also report mode). */
    static void report(MavenSession session, SessionState state, Module module, String mavenVersion,
                       TelemetryLog log) {
        if (module.firstStart == null) {
            return; // its tests never ran in this build (e.g. mvn compile): nothing to report
        }
        List<ModuleReport.Execution> executions = new ArrayList<>();
        for (Execution e : module.executions.values()) {
            executions.add(new ModuleReport.Execution(e.key, e.reportsDir, e.runDir, e.start, e.end, e.crash != null));
        }
        long durationMs = module.lastEnd == null ? 0
                : Math.max(0, module.lastEnd.toEpochMilli() - module.firstStart.toEpochMilli());
        new ModuleReport(session, module.project, module.buildConfig, mavenVersion, log)
                .since(state.start) // with the file system's granularity: ModuleReport.writtenBefore
                .executions(executions)
                .durationMs(durationMs)
                .deliver();
    }

    /**
     * What the extension (or, in {@code report} mode, {@link ReportMode}) knows about one build.
     */
    static final class SessionState {
        final Instant start;
        /** Several modules' goals may fire at once ({@code -T}); iterated only when the build has ended. */
        final Map<String, Module> modules = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        /**
         * Report mode: the run directories are handed to each test goal as it starts (the goals' configuration is
         * fixed before any mojo runs), and modules the {@code report} goal did not reach are reported at the end.
         */
        final boolean reportMode;
        /** The Maven version, for the report's build tool (report mode). */
        volatile String mavenVersion;

        SessionState(Instant start) {
            this(start, false);
        }

        SessionState(Instant start, boolean reportMode) {
            this.start = start;
            this.reportMode = reportMode;
        }

        /** The build ended (report mode): every module whose tests ran and that the report goal did not report. */
        void sessionEnded(MavenSession session) {
            if (!reportMode) {
                return;
            }
            ReportMode.ended(session.getRequest());
            TelemetryLog log = MavenTelemetryLog.of(LOGGER);
            for (Module module : modules.values()) {
                if (module.claimReport()) {
                    try {
                        report(session, this, module, mavenVersion, log);
                    } catch (Throwable t) {
                        new FailOpen(log).swallow("the report for " + module.project.getArtifactId(), t);
                    }
                }
            }
        }

        /**
         * A test goal of a module with telemetry starts: JaCoCo's agent, if any, leaves telemetry's classes alone in
         * its test JVMs, and they get the assertion agent when the module's assertions are counted.
         */
        void prepareTestJvms(ExecutionEvent event) {
            Module module = modules.get(event.getProject().getId());
            if (module != null) {
                CoverageAgentExclusion.apply(event.getProject(), event.getMojoExecution());
                if (module.assertions) {
                    AssertionAgentAttachment.attach(event, MavenTelemetryLog.of(LOGGER));
                }
            }
        }

        void testGoal(ExecutionEvent event, boolean started, Throwable failure) {
            MavenProject project = event.getProject();
            Module module = modules.get(project.getId());
            if (module == null) {
                return;
            }
            MojoExecution mojo = event.getMojoExecution();
            String key = ExecutionKey.of(mojo.getArtifactId(), mojo.getExecutionId());
            synchronized (module) {
                Instant now = Instant.now();
                Execution execution = module.executions.get(key);
                if (started) {
                    if (module.firstStart == null) {
                        module.firstStart = now;
                    }
                    if (execution == null && TestGoalListener.runsTests(mojo)) {
                        execution = new Execution(key, module.runRoot.resolve(key),
                                TestGoalListener.reportsDirectory(event.getSession(), mojo, project), now);
                        module.executions.put(key, execution);
                        shareKey(module.runRoot, execution.runDir);
                        if (reportMode) {
                            // as the extension does in the model before the build: this execution's forks only
                            // write partials, in a run directory of their own
                            mojo.setConfiguration(withForkProperties(mojo.getConfiguration(), execution.runDir,
                                    module.addEnabled));
                        }
                    }
                } else {
                    module.lastEnd = now;
                    if (execution != null) {
                        execution.end = now;
                        if (failure != null && ForkCrashes.isForkCrash(failure)) {
                            execution.crash = failure;
                        }
                    }
                }
            }
        }
    }

    /** Before an execution's forks start: one fingerprint key for all of the module's executions. */
    static void shareKey(Path runRoot, Path runDir) {
        try {
            PartialResults.shareKey(runRoot, runDir);
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("Test telemetry: cannot share the fingerprint key with {}: {}", runDir, e.toString());
        }
    }

    /** One module the extension reports. */
    static final class Module {
        final MavenProject project;
        final Map<String, String> buildConfig;
        final Path runRoot;
        final Map<String, Execution> executions = new LinkedHashMap<>();
        Instant firstStart;
        Instant lastEnd;
        /** Whether its test JVMs get the assertion agent ({@code telemetry.assertions}). */
        boolean assertions;
        /** Whether the forks need {@code telemetry.enabled} in their system properties (not a user property). */
        boolean addEnabled = true;
        /** Report mode: whether its report was sent (by the report goal, or at the end of the build). */
        private boolean reported;

        /**
         * Takes the module's one report: true once, when its tests ran and nobody reported it yet; every later call
         * (or a module whose tests never ran) gets false.
         */
        synchronized boolean claimReport() {
            if (reported || firstStart == null) {
                return false;
            }
            reported = true;
            return true;
        }

        Module(MavenProject project, Map<String, String> buildConfig, Path runRoot) {
            this.project = project;
            this.buildConfig = buildConfig;
            this.runRoot = runRoot;
        }
    }

    /** One Surefire or Failsafe execution of a module that ran tests in this build. */
    static final class Execution {
        final String key;
        final Path runDir;
        final Path reportsDir;
        final Instant start;
        Instant end;
        Throwable crash;

        Execution(String key, Path runDir, Path reportsDir, Instant start) {
            this.key = key;
            this.runDir = runDir;
            this.reportsDir = reportsDir;
            this.start = start;
        }
    }
}
