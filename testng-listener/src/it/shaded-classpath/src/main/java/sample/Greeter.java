package sample;

/** The project's own code, so that in-process coverage has something to measure. */
public final class Greeter {

    private Greeter() {
    }

    public static String greet(String name) {
        if (name == null || name.isBlank()) {
            return "Hello!";
        }
        return "Hello, " + name + "!";
    }
}
