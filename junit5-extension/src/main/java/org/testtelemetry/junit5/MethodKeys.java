package org.testtelemetry.junit5;

import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One canonical key per test method, found without allocating once the method has been seen: looked up by
 * the source's own strings (whose hashes are cached), because {@link MethodSource#hashCode()} allocates on
 * every call and each parameterized invocation carries a new {@code MethodSource}. A method name maps to its one
 * {@link Key}, or to an array of them when the class overloads it: no map per method (a 10,000-method JVM creates
 * 10,000 of them at first sight, issue 15).
 */
final class MethodKeys {

    /** Class name to method name to {@link Key} or {@code Key[]}. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Object>> keys = new ConcurrentHashMap<>();

    /**
     * One test method's key: the one instance for that method, so it is equal only to itself. Sets of keys (the
     * recorder's distinct methods) hash it by identity instead of hashing a {@code class#method(parameters)} String
     * of ~50 characters that is new for every method (issue 15). Its {@link #toString()} is that name.
     */
    static final class Key {
        private final String parameters;
        private final String name;

        private Key(String parameters, String name) {
            this.parameters = parameters;
            this.name = name;
        }

        /** {@code class#method(parameter types)}. */
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A hint from the test plan: {@code className} declares about {@code methods} test methods, so its map is made
     * at that size instead of growing while its tests run. Does nothing for a class already seen.
     */
    void expect(String className, long methods) {
        if (methods > 8 && !keys.containsKey(className)) {
            keys.putIfAbsent(className, new ConcurrentHashMap<>((int) Math.min(methods, 1 << 16)));
        }
    }

    /** The method's key ({@code class#method(parameter types)}): the same instance for every call about one method. */
    Key of(MethodSource method) {
        Key key = find(method);
        return key != null ? key : create(method);
    }

    /**
     * The key when this is the first time the method is seen, else null: a caller that passes the key on to the
     * recorder whenever it is non-null skips the recorder's set lookups for every later invocation.
     */
    Key ifNew(MethodSource method) {
        return find(method) != null ? null : create(method);
    }

    private Key find(MethodSource method) {
        var byMethod = keys.get(method.getClassName());
        return byMethod == null ? null : find(byMethod.get(method.getMethodName()), method.getMethodParameterTypes());
    }

    private static Key find(Object known, String parameters) {
        if (known instanceof Key key) {
            return key.parameters.equals(parameters) ? key : null;
        }
        if (known instanceof Key[] overloads) {
            for (Key key : overloads) {
                if (key.parameters.equals(parameters)) {
                    return key;
                }
            }
        }
        return null;
    }

    private Key create(MethodSource method) {
        String className = method.getClassName();
        // putIfAbsent rather than computeIfAbsent: no lambdas to set up in a short test JVM (issue 15)
        var byMethod = keys.get(className);
        if (byMethod == null) {
            var created = new ConcurrentHashMap<String, Object>();
            var raced = keys.putIfAbsent(className, created);
            byMethod = raced != null ? raced : created;
        }
        String methodName = method.getMethodName();
        String parameters = method.getMethodParameterTypes();
        synchronized (byMethod) { // first sight only: another thread may be adding the same method or an overload
            Object known = byMethod.get(methodName);
            Key key = find(known, parameters);
            if (key != null) {
                return key; // another thread's: one instance per method
            }
            Key added = new Key(parameters, className + '#' + methodName + '(' + parameters + ')');
            if (known == null) {
                byMethod.put(methodName, added);
            } else if (known instanceof Key single) {
                byMethod.put(methodName, new Key[] {single, added});
            } else {
                Key[] overloads = (Key[]) known;
                Key[] more = java.util.Arrays.copyOf(overloads, overloads.length + 1);
                more[overloads.length] = added;
                byMethod.put(methodName, more);
            }
            return added;
        }
    }
}
