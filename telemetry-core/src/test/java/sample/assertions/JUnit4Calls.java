package sample.assertions;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/** JUnit 4: 2 counted. */
public class JUnit4Calls implements Runnable {

    @Override
    public void run() {
        assertEquals("a", "a");
        assertArrayEquals(new int[] {1}, new int[] {1});
    }
}
