package it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class WiringIT {

    @Test
    void failsafeForkGetsTheRunDirToo() {
        assertNotNull(System.getProperty("telemetry.runDir"));
    }
}
