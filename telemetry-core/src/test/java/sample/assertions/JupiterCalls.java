package sample.assertions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;

/** JUnit Jupiter: 4 counted (assertAll itself is not; the assertion inside its lambda is). */
public class JupiterCalls implements Runnable {

    @Override
    public void run() {
        assertEquals(2, 1 + 1);
        assertTrue(true);
        assertThrows(IllegalStateException.class, () -> {
            throw new IllegalStateException();
        });
        assertAll(() -> assertNotNull("x"));
    }

    /** 1 counted, then it fails. */
    public static void failing() {
        Assertions.fail("on purpose");
    }
}
