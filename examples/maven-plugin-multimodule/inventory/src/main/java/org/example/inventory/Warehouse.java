package org.example.inventory;

import java.util.Map;
import java.util.TreeMap;

/** Shelves of a warehouse, by stock-keeping unit: the inventory module's code under test. */
public final class Warehouse {

    private final Map<String, Integer> shelves = new TreeMap<>();

    /** Puts {@code count} units on the shelf; counts must be positive. */
    public void stock(String sku, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        shelves.merge(sku, count, Integer::sum);
    }

    /** Removes up to {@code wanted} units and returns how many were there to remove. */
    public int pick(String sku, int wanted) {
        int onShelf = shelves.getOrDefault(sku, 0);
        int picked = Math.min(onShelf, wanted);
        if (picked > 0) {
            shelves.put(sku, onShelf - picked);
        }
        return picked;
    }

    public int onShelf(String sku) {
        return shelves.getOrDefault(sku, 0);
    }
}
