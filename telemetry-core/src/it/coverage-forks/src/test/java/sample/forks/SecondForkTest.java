package sample.forks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecondForkTest {

    @Test
    void studentsAndLedger() {
        Tariff tariff = new Tariff();
        assertEquals(5, tariff.price(8, false, false));
        assertEquals(8, tariff.price(20, true, false));
        assertEquals("premium", tariff.band(12));
        assertEquals(0, Tariff.discount("AUTUMN"));
        Ledger ledger = new Ledger();
        ledger.record(4);
        assertEquals(4, ledger.sum());
    }
}
