package sample.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Nested, inner, local and anonymous classes, lambdas, method references, streams and try-with-resources. */
public class Inventory {

    private final Map<String, Integer> counts = new TreeMap<>();
    private int changes;

    /** Static nested class. */
    public static final class Entry {
        final String name;
        final int count;

        Entry(String name, int count) {
            this.name = name;
            this.count = count;
        }

        boolean isEmpty() {
            return count == 0;
        }
    }

    /** Inner class that reads its outer instance. */
    public final class Auditor {
        public String audit() {
            return changes > 3 ? "busy" : "quiet";
        }
    }

    public void add(String name, int count) {
        counts.merge(name, count, Integer::sum);
        changes++;
    }

    public List<Entry> entries() {
        return counts.entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt((Entry e) -> e.count).reversed().thenComparing(e -> e.name))
                .collect(Collectors.toList());
    }

    public String summary() {
        // A local class, used only here.
        class Line {
            final String text;

            Line(Entry entry) {
                text = entry.name + "=" + entry.count;
            }
        }
        List<String> lines = new ArrayList<>();
        for (Entry entry : entries()) {
            if (!entry.isEmpty()) {
                lines.add(new Line(entry).text);
            }
        }
        return String.join(",", lines);
    }

    public Supplier<String> lazyTotal() {
        // The anonymous class shares this source line with its enclosing method: JaCoCo counts the line once.
        Supplier<String> s = new Supplier<>() { public String get() { return "total=" + total(); } }; return s;
    }

    public Runnable neverCalledAnonymous() {
        return new Runnable() {
            @Override
            public void run() {
                counts.clear();
            }
        };
    }

    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int load(String text) throws IOException {
        int loaded = 0;
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("=");
                add(parts[0].trim(), Integer.parseInt(parts[1].trim()));
                loaded++;
            }
        }
        return loaded;
    }

    public static String classify(Object value) {
        if (value instanceof Integer i && i > 100) {
            return "big";
        } else if (value instanceof String s) {
            return s.isEmpty() ? "empty" : "text";
        }
        return "other";
    }

    public synchronized int changes() {
        return changes;
    }
}
