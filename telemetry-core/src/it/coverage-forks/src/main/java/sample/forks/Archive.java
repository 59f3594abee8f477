package sample.forks;

/** Loaded by neither fork. */
public class Archive {

    public String store(String item) {
        return item == null ? "nothing" : "stored " + item;
    }
}
