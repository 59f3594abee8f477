package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrokenTest {

    @Test
    void passes() {
        assertEquals(1, 1);
    }

    @Test
    void failsAnAssertion() {
        assertEquals(1, 2);
    }

    @Test
    void throwsSomethingElse() {
        throw new IllegalStateException("not an assertion");
    }
}
