package org.example.inventory;

import java.util.HashMap;
import java.util.Map;

/** Stock levels: the code under test of the TestNG example. */
public final class Stock {

    private final Map<String, Integer> levels = new HashMap<>();

    public void receive(String item, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        levels.merge(item, quantity, Integer::sum);
    }

    public boolean take(String item, int quantity) {
        int level = levels.getOrDefault(item, 0);
        if (level < quantity) {
            return false;
        }
        levels.put(item, level - quantity);
        return true;
    }

    public int level(String item) {
        return levels.getOrDefault(item, 0);
    }
}
