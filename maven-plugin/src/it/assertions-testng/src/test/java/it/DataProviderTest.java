package it;

import org.testng.Assert;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** 3 tests, 6 assertions (each with its @BeforeMethod's), 0 void. */
public class DataProviderTest {

    private int base;

    @BeforeMethod
    public void setUp() {
        base = 1;
        Assert.assertEquals(base, 1);
    }

    @DataProvider
    public Object[][] numbers() {
        return new Object[][] {{1}, {2}, {3}};
    }

    @Test(dataProvider = "numbers")
    public void positive(int n) { // 3 invocations x (1 + 1)
        Assert.assertTrue(n >= base);
    }
}
