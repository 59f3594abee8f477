package org.example.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.example.inventory.Warehouse;
import org.junit.jupiter.api.Test;

class CheckoutTest {

    @Test
    void paysForWhatWasPicked() {
        Warehouse warehouse = new Warehouse();
        warehouse.stock("C-3", 2);
        assertEquals(500, new Checkout(warehouse, 250).order("C-3", 5));
    }
}
