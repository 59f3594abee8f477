package org.example.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A second test class, so that Surefire's two forks each get one. */
class PickingTest {

    private final Warehouse warehouse = new Warehouse();

    @BeforeEach
    void shelves() {
        warehouse.stock("B-7", 3);
    }

    @Test
    void pickingTakesWhatIsThere() {
        assertEquals(2, warehouse.pick("B-7", 2));
        assertEquals(1, warehouse.onShelf("B-7"));
    }

    @Test
    void pickingMoreThanThereGivesWhatIsThere() {
        assertEquals(3, warehouse.pick("B-7", 10));
        assertEquals(0, warehouse.onShelf("B-7"));
    }

    @Test
    void anUnknownShelfIsEmpty() {
        assertEquals(0, warehouse.pick("Z-0", 1));
    }
}
