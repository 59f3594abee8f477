package it;

import org.testng.Assert;
import org.testng.AssertJUnit;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.testng.asserts.SoftAssert;

/** 6 tests (2 failed), 5 assertions of which 2 failed, 3 void. */
public class PlainTest {

    @Test
    public void soft() { // 2 (assertAll reports them, it is not a third)
        SoftAssert soft = new SoftAssert();
        soft.assertEquals(1, 1);
        soft.assertTrue(true);
        soft.assertAll();
    }

    @Test
    public void checksNothing() { // void
        Math.abs(-1);
    }

    @Test
    public void fails() { // 1, failed
        AssertJUnit.assertEquals(1, 2);
    }

    @Test
    public void softFailsOnce() { // 2, failed once
        SoftAssert soft = new SoftAssert();
        soft.assertEquals(1, 2);
        soft.assertEquals(2, 3);
        soft.assertAll();
    }

    @DataProvider
    public Object[][] names() {
        return new Object[][] {{"a"}, {"b"}};
    }

    @Test(dataProvider = "names")
    public void rowsWithoutAssertion(String name) { // 2 invocations, void
        name.length();
    }
}
