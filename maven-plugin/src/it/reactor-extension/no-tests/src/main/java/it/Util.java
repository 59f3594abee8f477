package it;

public final class Util {
    private Util() {
    }
}
