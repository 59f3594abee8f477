package org.testtelemetry.server;

/**
 * SIGTERM/SIGINT handling through {@code sun.misc.Signal} (jdk.unsupported): with a plain shutdown hook the JVM
 * would exit 143 after a SIGTERM even when the server drained cleanly.
 */
final class Signals {

    private Signals() {
    }

    /** Runs {@code action} on a new thread for TERM and INT; false when this JVM does not allow it. */
    static boolean handle(Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name),
                        signal -> new Thread(action, "telemetry-server-signal").start());
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
