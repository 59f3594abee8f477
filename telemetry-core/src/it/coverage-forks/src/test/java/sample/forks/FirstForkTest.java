package sample.forks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FirstForkTest {

    @Test
    void childrenAndSeniors() {
        Tariff tariff = new Tariff();
        assertEquals(5, tariff.price(8, false, false));
        assertEquals(9, tariff.price(70, false, true));
        assertEquals("cheap", tariff.band(5));
        assertEquals(10, Tariff.discount("SPRING"));
    }
}
