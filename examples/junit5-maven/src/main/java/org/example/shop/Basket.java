package org.example.shop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A shopping basket: the code under test of the JUnit example. */
public final class Basket {

    private final List<BigDecimal> prices = new ArrayList<>();

    public void add(BigDecimal price) {
        if (price.signum() < 0) {
            throw new IllegalArgumentException("negative price");
        }
        prices.add(price);
    }

    public BigDecimal total() {
        return prices.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** 10% off from 100 upwards. */
    public BigDecimal totalWithDiscount() {
        BigDecimal total = total();
        return total.compareTo(BigDecimal.valueOf(100)) >= 0 ? total.multiply(new BigDecimal("0.9")) : total;
    }

    public int size() {
        return prices.size();
    }
}
