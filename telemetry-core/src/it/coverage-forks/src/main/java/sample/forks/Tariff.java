package sample.forks;

/** Branches that the two forks cover differently, and overlap on: merging must OR probes, not add or average. */
public class Tariff {

    public int price(int age, boolean student, boolean weekend) {
        int base = weekend ? 12 : 10;
        if (age < 12) {
            return base / 2;
        }
        if (age >= 65) {
            return base - 3;
        }
        if (student) {
            return base - 2;
        }
        return base;
    }

    public String band(int amount) {
        if (amount <= 0) {
            return "free";
        } else if (amount < 8) {
            return "cheap";
        } else if (amount < 11) {
            return "standard";
        }
        return "premium";
    }

    public static int discount(String code) {
        return switch (code) {
            case "SPRING" -> 10;
            case "SUMMER" -> 15;
            case "WINTER" -> 20;
            default -> 0;
        };
    }
}
