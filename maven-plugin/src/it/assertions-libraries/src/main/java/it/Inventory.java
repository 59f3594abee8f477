package it;

import java.util.List;

/** Code under test, so JaCoCo has something to measure. */
public class Inventory {

    private final List<String> items;

    public Inventory(List<String> items) {
        this.items = items;
    }

    public int count() {
        return items.size();
    }

    public boolean has(String item) {
        return items.contains(item);
    }
}
