package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BTest {

    @Test
    void one() {
        assertEquals(1, 1);
    }

    @Test
    void two() {
        assertEquals(2, 2);
    }
}
