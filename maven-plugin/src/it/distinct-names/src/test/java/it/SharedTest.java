package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Run by every execution: 3 methods, 4 tests each time. */
class SharedTest {

    @Test
    void one() {
        assertEquals(1, 1);
    }

    @Test
    void two() {
        assertEquals(2, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void param(int i) {
        assertEquals(i, Math.abs(i));
    }
}
