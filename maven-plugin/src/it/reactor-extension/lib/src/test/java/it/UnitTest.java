package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void one() {
        assertEquals(1, 1);
    }

    @Test
    void runDirIsHandedToTheFork() {
        // the extension gives every test JVM its module's run directory
        assertNotNull(System.getProperty("telemetry.runDir"));
        assertEquals("true", System.getProperty("telemetry.enabled"));
    }
}
