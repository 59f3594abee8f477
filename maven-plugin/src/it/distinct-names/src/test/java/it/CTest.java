package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Only in the execution without XML: 2 methods the plugin knows by fingerprint alone. */
class CTest {

    @Test
    void first() {
        assertEquals(1, 1);
    }

    @Test
    void second() {
        assertEquals(2, 2);
    }
}
