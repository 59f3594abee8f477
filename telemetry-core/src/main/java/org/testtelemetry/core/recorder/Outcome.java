package org.testtelemetry.core.recorder;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/** How one test execution ended, by DESIGN.md's counting rules. */
@API(status = MAINTAINED)
public enum Outcome {
    PASSED,
    /** Ended by an {@link AssertionError} (including opentest4j's and TestNG's assertion failures). */
    FAILED,
    /** Ended by any other throwable. */
    ERRORED,
    /** Disabled, ignored or not run. */
    SKIPPED,
    /** An assumption failed. */
    ABORTED;

    /** FAILED for an assertion error, ERRORED for anything else (including null: no cause known). */
    public static Outcome ofThrowable(Throwable t) {
        return t instanceof AssertionError ? FAILED : ERRORED;
    }
}
