package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BTest {

    @Test
    void only() {
        assertEquals(1, 1);
    }
}
