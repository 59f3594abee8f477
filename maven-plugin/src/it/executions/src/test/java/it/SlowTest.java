package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class SlowTest {

    @Test
    void one() {
        assertEquals(2, 1 + 1);
    }

    @Test
    void two() {
        assertEquals(4, 2 + 2);
    }

    @Test
    void assumption() {
        assumeTrue(false, "aborted in the second execution too");
    }
}
