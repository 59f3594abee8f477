package it;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ExcludedTest {

    @Test
    void neverRuns() {
        fail("excluded by the build");
    }
}
