package org.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasketTest {

    @Test
    void emptyBasketCostsNothing() {
        assertEquals(BigDecimal.ZERO, new Basket().total());
    }

    @ParameterizedTest
    @CsvSource({"10,10", "99.99,99.99", "100,90.0", "200,180.0"})
    void discountFromOneHundred(String price, String expected) {
        Basket basket = new Basket();
        basket.add(new BigDecimal(price));
        assertEquals(0, new BigDecimal(expected).compareTo(basket.totalWithDiscount()));
    }

    @RepeatedTest(3)
    void eachAddCounts() {
        Basket basket = new Basket();
        basket.add(BigDecimal.ONE);
        assertEquals(1, basket.size());
    }

    @Test
    void negativePricesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Basket().add(BigDecimal.valueOf(-1)));
    }

    @Test
    @Disabled("loyalty points are not built yet")
    void loyaltyPoints() {
    }

    @Test
    void currencyConversionNeedsARatesFile() {
        assumeTrue(System.getenv("EXAMPLE_RATES_FILE") != null, "no rates file on this machine");
    }
}
