package it;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class NgTest {

    @DataProvider
    public Object[][] numbers() {
        return new Object[][] {{1}, {2}};
    }

    @Test(dataProvider = "numbers")
    public void positive(int n) {
        assertEquals(Math.abs(n), n);
    }

    @Test
    public void plain() {
        assertEquals(2 + 2, 4);
    }
}
