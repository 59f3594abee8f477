package org.example.checkout;

import org.example.inventory.Warehouse;

/** Turns an order into picked units and a price in cents: the checkout module's code under test. */
public final class Checkout {

    private final Warehouse warehouse;
    private final long unitPriceCents;

    public Checkout(Warehouse warehouse, long unitPriceCents) {
        this.warehouse = warehouse;
        this.unitPriceCents = unitPriceCents;
    }

    /** Picks what it can and returns what the customer pays for it. */
    public long order(String sku, int units) {
        return warehouse.pick(sku, units) * unitPriceCents;
    }
}
