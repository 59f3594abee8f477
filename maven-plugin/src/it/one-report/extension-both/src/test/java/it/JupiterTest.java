package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JupiterTest {

    @Test
    void one() {
        assertEquals(2, 1 + 1);
    }

    @Test
    void two() {
        assertEquals(4, 2 + 2);
    }
}
