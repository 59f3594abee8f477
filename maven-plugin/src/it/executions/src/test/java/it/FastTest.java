package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class FastTest {

    private static int attempts;

    @Test
    void passes() {
        assertEquals(2, 1 + 1);
    }

    @Test
    void assumption() {
        assumeTrue(false, "aborted, which only the adapter can tell from skipped");
    }

    @Test
    void fails() {
        assertEquals(3, 1 + 1, "a failure the build ignores (testFailureIgnore)");
    }

    @Test
    void flaky() {
        attempts++;
        assertEquals(2, attempts, "fails once, passes on the rerun");
    }
}
