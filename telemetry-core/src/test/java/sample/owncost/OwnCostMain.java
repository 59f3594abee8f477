package sample.owncost;

import org.testtelemetry.core.OwnCost;

/** Spends measurable CPU in two sections, as telemetry would, then exits: OwnCost writes its line at exit. */
public final class OwnCostMain {

    public static void main(String[] args) {
        long began = OwnCost.begin();
        spin(50);
        OwnCost.end(OwnCost.START, began);
        began = OwnCost.begin();
        spin(20);
        OwnCost.end(OwnCost.END, began);
        System.out.println("measuring=" + OwnCost.ON);
    }

    private static void spin(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < until) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.println(x);
        }
    }
}
