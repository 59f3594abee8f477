package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CTest {

    @Test
    void one() {
        assertEquals(1, 1);
    }
}
