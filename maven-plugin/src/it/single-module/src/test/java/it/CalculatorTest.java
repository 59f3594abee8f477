package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalculatorTest {

    @Test
    void adds() {
        assertEquals(4, Calculator.add(2, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void squares(int i) {
        assertEquals(i * i, Math.multiplyExact(i, i));
    }

    @Test
    @Disabled("not today")
    void disabled() {
    }

    @Test
    void linuxOnly() {
        assumeTrue(false, "never here");
    }
}
