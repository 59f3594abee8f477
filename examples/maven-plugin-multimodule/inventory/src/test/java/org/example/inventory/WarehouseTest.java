package org.example.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarehouseTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 40})
    void stockingAddsUp(int count) {
        Warehouse warehouse = new Warehouse();
        warehouse.stock("A-1", count);
        warehouse.stock("A-1", count);
        assertEquals(2 * count, warehouse.onShelf("A-1"));
    }

    @Test
    void nothingOrLessIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Warehouse().stock("A-1", 0));
    }
}
