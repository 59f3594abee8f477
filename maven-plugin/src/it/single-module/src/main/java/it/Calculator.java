package it;

public final class Calculator {

    private Calculator() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static int unused(int a) {
        return a < 0 ? -a : a;
    }
}
