package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ATest {

    @Test
    void one() {
        assertEquals(1, 1);
    }

    @Test
    void two() {
        assertEquals(2, 2);
    }
}
