package sample.forks;

import java.util.ArrayList;
import java.util.List;

/** Loaded by the second fork only. */
public class Ledger {

    private final List<Integer> amounts = new ArrayList<>();

    public void record(int amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative");
        }
        amounts.add(amount);
    }

    public int sum() {
        return amounts.stream().mapToInt(Integer::intValue).sum();
    }
}
