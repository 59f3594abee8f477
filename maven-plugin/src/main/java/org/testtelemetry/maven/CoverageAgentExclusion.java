package org.testtelemetry.maven;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Extension mode: JaCoCo's agent in the test JVMs leaves telemetry's own classes alone. Without this it instruments
 * each of them as they load (they come from a jar on the test classpath), which cost every test JVM about 35 ms of
 * CPU, more than all the rest of a thin fork's telemetry together (BENCHMARKS.md, "Thin forks"), for coverage data
 * nobody reads: a JaCoCo report covers the module's own classes.
 *
 * <p>Each {@code -javaagent:<...org.jacoco.agent...jar>[=options]} in the project's properties (where
 * {@code prepare-agent} puts it: {@code argLine}, or the property its {@code propertyName} names) and in the test
 * goal's own {@code argLine} gets {@code org.testtelemetry.*} added to its {@code excludes} (JaCoCo's
 * {@code :}-separated list), or an {@code excludes} option when it has none. The module's coverage is unchanged;
 * an agent that already excludes our package, and every other option, are left as they were.
 */
final class CoverageAgentExclusion {

    static final String EXCLUDED = "org.testtelemetry.*";
    /** A JaCoCo agent option, quoted (a path with a space) or not; group 1 or 2 is the option without quotes. */
    private static final Pattern AGENT = Pattern.compile("\"(-javaagent:[^\"]*)\"|(-javaagent:\\S+)");
    /** JaCoCo's own split of its options: a comma followed by the next option's name. */
    private static final Pattern OPTION_SPLIT = Pattern.compile(",(?=[a-zA-Z0-9_\\-]+=)");

    private CoverageAgentExclusion() {
    }

    /** Adds the exclusion to the JaCoCo agents the goal's test JVMs will get. */
    static void apply(MavenProject project, MojoExecution execution) {
        Properties properties = project.getProperties();
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            if (entry.getValue() instanceof String value && value.contains("org.jacoco.agent")) {
                entry.setValue(excluding(value));
            }
        }
        Xpp3Dom configuration = execution.getConfiguration();
        Xpp3Dom argLine = configuration == null ? null : configuration.getChild("argLine");
        if (argLine != null && argLine.getValue() != null && argLine.getValue().contains("org.jacoco.agent")) {
            argLine.setValue(excluding(argLine.getValue()));
        }
    }

    /** {@code argLine} with the exclusion added to each JaCoCo agent option in it; unchanged when it has none. */
    static String excluding(String argLine) {
        Matcher matcher = AGENT.matcher(argLine);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            boolean quoted = matcher.group(1) != null;
            String option = quoted ? matcher.group(1) : matcher.group(2);
            String changed = isJacoco(option) ? withExclusion(option) : option;
            matcher.appendReplacement(out, Matcher.quoteReplacement(quoted ? "\"" + changed + "\"" : changed));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean isJacoco(String option) {
        int equals = option.indexOf('=');
        String jar = equals < 0 ? option : option.substring(0, equals);
        return jar.contains("org.jacoco.agent") && jar.endsWith(".jar");
    }

    private static String withExclusion(String option) {
        int equals = option.indexOf('=');
        if (equals < 0) {
            return option + "=excludes=" + EXCLUDED;
        }
        String[] options = OPTION_SPLIT.split(option.substring(equals + 1), -1);
        StringBuilder out = new StringBuilder(option.substring(0, equals + 1));
        boolean found = false;
        for (int i = 0; i < options.length; i++) {
            String one = options[i];
            if (one.startsWith("excludes=")) {
                found = true;
                if (!one.contains("org.testtelemetry.")) {
                    one = one.length() == "excludes=".length() ? one + EXCLUDED : one + ":" + EXCLUDED;
                }
            }
            out.append(i == 0 ? "" : ",").append(one);
        }
        if (!found) {
            out.append(options.length == 1 && options[0].isEmpty() ? "" : ",").append("excludes=").append(EXCLUDED);
        }
        return out.toString();
    }
}
