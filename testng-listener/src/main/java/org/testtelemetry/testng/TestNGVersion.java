package org.testtelemetry.testng;

import org.testng.TestNG;

/** The version of the TestNG that is running, for the report's {@code frameworks}. */
final class TestNGVersion {

    private TestNGVersion() {
    }

    /** TestNG's own version string, else its jar manifest's, else null ("unknown" in the report). */
    static String running() {
        try {
            String version = org.testng.internal.Version.getVersionString();
            if (version != null && !version.isBlank() && !version.contains("$")) {
                return version.trim();
            }
        } catch (LinkageError | RuntimeException ignored) {
            // an internal class that a future TestNG may move: fall back to the manifest
        }
        Package pkg = TestNG.class.getPackage();
        return pkg == null ? null : pkg.getImplementationVersion();
    }
}
