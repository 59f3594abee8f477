package sample.assertions;

/** Names no assertion library at all: the constant-pool scan alone leaves it unchanged. */
public class Plain implements Runnable {

    @Override
    public void run() {
        String.valueOf(42);
    }
}
