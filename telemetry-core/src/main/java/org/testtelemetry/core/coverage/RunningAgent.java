package org.testtelemetry.core.coverage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The execution data of a JaCoCo agent running in this JVM, reached by reflection so that core needs no agent on its
 * class path. The agent's classes are found through the system class loader (where {@code -javaagent} puts them),
 * else the thread's context loader, else ours.
 *
 * <p>The class names are the agent's public API ({@code org.jacoco.agent.rt.RT}, {@code IAgent}); the shade
 * configuration keeps them out of its relocation so the published jar still finds the user's agent.
 */
final class RunningAgent {

    static final String RT_CLASS = "org.jacoco.agent.rt.RT";
    static final String AGENT_INTERFACE = "org.jacoco.agent.rt.IAgent";

    private RunningAgent() {
    }

    /** A dump of the agent's current data (not reset), or null when no agent runs here. */
    static byte[] executionData() {
        for (ClassLoader loader : loaders()) {
            byte[] data = executionData(loader);
            if (data != null) {
                return data;
            }
        }
        return null;
    }

    private static ClassLoader[] loaders() {
        return new ClassLoader[] {ClassLoader.getSystemClassLoader(), Thread.currentThread().getContextClassLoader(),
                RunningAgent.class.getClassLoader()};
    }

    private static byte[] executionData(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            Class<?> rt = Class.forName(RT_CLASS, true, loader);
            Class<?> agentType = Class.forName(AGENT_INTERFACE, false, loader);
            Object agent = rt.getMethod("getAgent").invoke(null);
            Method dump = agentType.getMethod("getExecutionData", boolean.class);
            return (byte[]) dump.invoke(agent, false);
        } catch (ClassNotFoundException | LinkageError | NoSuchMethodException | IllegalAccessException e) {
            return null;
        } catch (InvocationTargetException e) {
            // RT.getAgent() throws IllegalStateException while the agent is on the class path but not started.
            return null;
        }
    }
}
