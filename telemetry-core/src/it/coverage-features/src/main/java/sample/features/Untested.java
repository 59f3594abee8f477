package sample.features;

/** Never loaded by the tests: JaCoCo counts all of it as missed. */
public class Untested {

    public int twice(int value) {
        return value > 0 ? value * 2 : 0;
    }

    interface Callback {
        void call();
    }
}
