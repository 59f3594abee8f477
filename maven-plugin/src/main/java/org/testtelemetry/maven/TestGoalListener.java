package org.testtelemetry.maven;

import java.nio.file.Path;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.testtelemetry.core.FailOpen;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Watches the build's Surefire and Failsafe goals for the extension (when each module's tests ran, and whether a
 * fork died), passing every event on to the listener it wraps (Maven's console output) unchanged.
 */
final class TestGoalListener implements ExecutionListener {

    private final ExecutionListener next;
    private final TelemetryExtension.SessionState state;

    TestGoalListener(ExecutionListener next, TelemetryExtension.SessionState state) {
        this.next = next;
        this.state = state;
    }

    static boolean isTestGoal(MojoExecution execution) {
        if (execution == null || !"org.apache.maven.plugins".equals(execution.getGroupId())) {
            return false;
        }
        String goal = execution.getGoal();
        return "maven-surefire-plugin".equals(execution.getArtifactId()) && "test".equals(goal)
                || "maven-failsafe-plugin".equals(execution.getArtifactId())
                && ("integration-test".equals(goal) || "verify".equals(goal));
    }

    /** Whether this goal runs tests in forks (Failsafe's {@code verify} only reads their summary). */
    static boolean runsTests(MojoExecution execution) {
        String goal = execution.getGoal();
        return "test".equals(goal) || "integration-test".equals(goal);
    }

    /**
     * Where this execution writes its XML reports: its {@code reportsDirectory} as Maven evaluates it (custom
     * folders, properties), else the plugin's default folder.
     */
    static Path reportsDirectory(MavenSession session, MojoExecution execution, MavenProject project) {
        Path target = Path.of(project.getBuild().getDirectory());
        Path fallback = target.resolve("maven-failsafe-plugin".equals(execution.getArtifactId())
                ? "failsafe-reports" : "surefire-reports");
        try {
            Xpp3Dom config = execution.getConfiguration();
            Xpp3Dom dir = config == null ? null : config.getChild("reportsDirectory");
            if (dir == null) {
                return fallback;
            }
            String raw = dir.getValue() != null ? dir.getValue() : dir.getAttribute("default-value");
            Object value = raw == null ? null : new PluginParameterExpressionEvaluator(session, execution).evaluate(raw);
            if (value == null || value.toString().isBlank()) {
                return fallback;
            }
            Path path = Path.of(value.toString());
            return path.isAbsolute() ? path : project.getBasedir().toPath().resolve(path);
        } catch (ExpressionEvaluationException | RuntimeException e) {
            return fallback;
        }
    }

    private void observe(ExecutionEvent event, boolean started, Throwable failure) {
        // telemetry never disturbs the build's own events
        FailOpen.quietly(() -> {
            if (event.getProject() != null && isTestGoal(event.getMojoExecution())) {
                state.testGoal(event, started, failure);
                if (started) {
                    state.prepareTestJvms(event);
                }
            }
        });
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
        observe(event, true, null);
        if (next != null) {
            next.mojoStarted(event);
        }
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
        observe(event, false, null);
        if (next != null) {
            next.mojoSucceeded(event);
        }
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
        observe(event, false, event.getException());
        if (next != null) {
            next.mojoFailed(event);
        }
    }

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
        if (next != null) {
            next.projectDiscoveryStarted(event);
        }
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
        if (next != null) {
            next.sessionStarted(event);
        }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
        FailOpen.quietly(() -> state.sessionEnded(event.getSession()));
        if (next != null) {
            next.sessionEnded(event);
        }
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
        if (next != null) {
            next.projectSkipped(event);
        }
    }

    @Override
    public void projectStarted(ExecutionEvent event) {
        if (next != null) {
            next.projectStarted(event);
        }
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.projectSucceeded(event);
        }
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
        if (next != null) {
            next.projectFailed(event);
        }
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
        if (next != null) {
            next.mojoSkipped(event);
        }
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
        if (next != null) {
            next.forkStarted(event);
        }
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.forkSucceeded(event);
        }
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
        if (next != null) {
            next.forkFailed(event);
        }
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectStarted(event);
        }
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectSucceeded(event);
        }
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectFailed(event);
        }
    }
}
