package sample.assertions;

import org.testng.Assert;
import org.testng.AssertJUnit;
import org.testng.asserts.SoftAssert;

/** TestNG: 4 counted (SoftAssert's assertAll reports the two soft ones, it is not one more). */
public class TestNGCalls implements Runnable {

    @Override
    public void run() {
        Assert.assertEquals(1, 1);
        AssertJUnit.assertTrue(true);
        SoftAssert soft = new SoftAssert();
        soft.assertEquals("x", "x");
        soft.assertNotNull(soft);
        soft.assertAll();
    }
}
