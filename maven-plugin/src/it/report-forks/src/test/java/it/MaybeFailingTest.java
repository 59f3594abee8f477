package it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Fails when the build passes -Dit.fail=true (Surefire forwards it to the forks). */
class MaybeFailingTest {

    @Test
    void failsOnDemand() {
        assertNotEquals("true", System.getProperty("it.fail"), "asked to fail");
    }
}
