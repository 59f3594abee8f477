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

    /** A method's parameter types and its key. */
    private record Key(String parameters, String key) {
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

    /** {@code class#method(parameter types)}: the same String instance for every call about one method. */
    String of(MethodSource method) {
        String key = find(method);
        return key != null ? key : create(method);
    }

    /**
     * The key when this is the first time the method is seen, else null: a caller that passes the key on to the
     * recorder whenever it is non-null skips the recorder's set lookups for every later invocation.
     */
    String ifNew(MethodSource method) {
        return find(method) != null ? null : create(method);
    }

    private String find(MethodSource method) {
        var byMethod = keys.get(method.getClassName());
        return byMethod == null ? null : find(byMethod.get(method.getMethodName()), method.getMethodParameterTypes());
    }

    private static String find(Object known, String parameters) {
        if (known instanceof Key key) {
            return key.parameters.equals(parameters) ? key.key : null;
        }
        if (known instanceof Key[] overloads) {
            for (Key key : overloads) {
                if (key.parameters.equals(parameters)) {
                    return key.key;
                }
            }
        }
        return null;
    }

    private String create(MethodSource method) {
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
            String key = find(known, parameters);
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
            return added.key;
        }
    }
}
