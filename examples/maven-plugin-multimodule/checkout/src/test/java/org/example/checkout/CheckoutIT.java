package org.example.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.example.inventory.Warehouse;
import org.junit.jupiter.api.Test;

/** Failsafe's integration tests; one fails on purpose to show that telemetry never changes a build's outcome. */
class CheckoutIT {

    @Test
    void aWholeOrderGoesThrough() {
        Warehouse warehouse = new Warehouse();
        warehouse.stock("D-1", 10);
        assertEquals(1_000, new Checkout(warehouse, 100).order("D-1", 10));
        assertEquals(0, warehouse.onShelf("D-1"));
    }

    @Test
    void failsOnPurpose() {
        assertEquals("a build that fails", "still sends its report", "this example fails on purpose");
    }
}
