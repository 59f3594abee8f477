package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** 5 tests (2 failed, 1 errored, 1 skipped), 5 assertions of which 2 failed, 0 void. */
class FailingTests {

    @Test
    void failsOnItsSecondAssertion() { // 2, failed
        assertEquals(1, 1);
        assertEquals(1, 2);
    }

    @Test
    void throwsItsOwnAssertionError() { // no entry point called, yet it failed on an assertion: 1, failed
        throw new AssertionError("hand-made");
    }

    @Test
    void errors() { // 1, errored: not void, not an assertion failure
        assertTrue(true);
        throw new IllegalStateException("not an assertion");
    }

    @Test
    void preemptiveTimeout() { // 1: the assertion inside runs on JUnit's timeout thread and is lost (README)
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertEquals(2, 1 + 1));
    }

    @Disabled("skipped: neither counted nor void")
    @Test
    void disabled() {
        assertTrue(true);
    }
}
