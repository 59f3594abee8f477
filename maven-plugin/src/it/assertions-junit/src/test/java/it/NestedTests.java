package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** 3 tests, 3 assertions, 1 void. */
class NestedTests {

    @Test
    void outer() { // 1
        assertFalse(false);
    }

    @Nested
    class Inner {

        @Test
        void inner() { // 2
            assertEquals(1, 1);
            assertEquals("a", "a");
        }

        @Test
        void innerWithoutAssertion() { // void
            new StringBuilder("x").reverse();
        }
    }
}
