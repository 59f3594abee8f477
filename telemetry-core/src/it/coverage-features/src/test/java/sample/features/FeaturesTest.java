package sample.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void shapes() {
        assertEquals(4.0, Shape.parse("square:2").area());
        assertEquals("circle of area 3", Shape.parse("circle:1").describe());
        assertThrows(IllegalArgumentException.class, () -> new Shape.Circle(-1));
    }

    @Test
    void operations() {
        assertEquals(5, Operation.PLUS.applyChecked(2, 3));
        assertEquals(8, Operation.POWER.applyChecked(2, 3));
        assertEquals("additive", Operation.kind(Operation.PLUS));
        assertThrows(ArithmeticException.class, () -> Operation.TIMES.applyChecked(2, -1));
    }

    @Test
    void inventory() throws IOException {
        Inventory inventory = new Inventory();
        assertEquals(2, inventory.load("# stock\napples = 3\n\npears = 0\n"));
        inventory.add("apples", 2);
        assertEquals("apples=5", inventory.summary());
        assertEquals("total=5", inventory.lazyTotal().get());
        assertEquals("quiet", inventory.new Auditor().audit());
        assertEquals("big", Inventory.classify(101));
        assertEquals("text", Inventory.classify("x"));
    }
}
