package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 2 tests, 4 assertions (the set-up's count for each test), 0 void. */
class SetUpTest {

    private int base;

    @BeforeEach
    void setUp() {
        base = 2;
        assertEquals(2, base);
    }

    @Test
    void adds() { // 1 + 2
        assertEquals(4, base + 2);
        assertTrue(base > 0);
    }

    @Test
    void onlyItsSetUpAsserts() { // 1: not void
        base++;
    }
}
