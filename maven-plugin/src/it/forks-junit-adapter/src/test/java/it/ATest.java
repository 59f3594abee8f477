package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ATest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void twice(int i) {
        assertEquals(i, Math.abs(i));
        assertEquals(1, Shapes.sign(i));
    }

    @Test
    void assumption() {
        assumeTrue(false, "aborted, which only the adapter can tell from skipped");
    }
}
