package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 5 tests, 3 assertions, 2 void. */
class ParameterizedTests {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void positive(int n) { // 3 invocations x 1
        assertTrue(n > 0);
    }

    @RepeatedTest(2)
    void checksNothing() { // 2 invocations, void
        Math.abs(-1);
    }
}
