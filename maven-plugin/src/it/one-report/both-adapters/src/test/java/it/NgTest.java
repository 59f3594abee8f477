package it;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.Test;

public class NgTest {

    @Test
    public void one() {
        assertEquals(1 + 1, 2);
    }

    @Test
    public void two() {
        assertEquals(2 + 2, 4);
    }

    @Test
    public void three() {
        assertEquals(3 + 3, 6);
    }
}
