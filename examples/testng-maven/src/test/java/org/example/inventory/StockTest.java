package org.example.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class StockTest {

    @DataProvider
    public Object[][] deliveries() {
        return new Object[][] {{"apple", 3}, {"pear", 1}, {"plum", 12}};
    }

    @Test(dataProvider = "deliveries")
    public void receivingRaisesTheLevel(String item, int quantity) {
        Stock stock = new Stock();
        stock.receive(item, quantity);
        assertEquals(stock.level(item), quantity);
    }

    @Test
    public void takingMoreThanTheLevelIsRefused() {
        Stock stock = new Stock();
        stock.receive("apple", 2);
        assertFalse(stock.take("apple", 3));
        assertTrue(stock.take("apple", 2));
        assertEquals(stock.level("apple"), 0);
    }

    @Test(expectedExceptions = IllegalArgumentException.class)
    public void zeroQuantityIsRefused() {
        new Stock().receive("apple", 0);
    }

    @Test(invocationCount = 2)
    public void unknownItemsAreEmpty() {
        assertEquals(new Stock().level("kiwi"), 0);
    }

    @Test(enabled = false)
    public void reorderingIsNotBuiltYet() {
    }
}
