package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WiringIT {

    @Test
    void wired() {
        assertTrue(true);
    }
}
