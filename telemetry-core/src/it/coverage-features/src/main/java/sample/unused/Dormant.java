package sample.unused;

import java.util.List;

/** A whole package the tests never load. */
public class Dormant {

    private final List<String> names;

    public Dormant(List<String> names) {
        this.names = names;
    }

    public long longNames() {
        return names.stream().filter(n -> n.length() > 5).count();
    }

    enum Mode { ON, OFF }
}
