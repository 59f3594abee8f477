package org.testtelemetry.junit5;

import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One canonical key per test method, found without allocating once the method has been seen: looked up by
 * the source's own strings (whose hashes are cached), because {@link MethodSource#hashCode()} allocates on
 * every call and each parameterized invocation carries a new {@code MethodSource}.
 */
final class MethodKeys {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<String, String>>> keys =
            new ConcurrentHashMap<>();

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
        var byParameters = byMethod == null ? null : byMethod.get(method.getMethodName());
        return byParameters == null ? null : byParameters.get(method.getMethodParameterTypes());
    }

    private String create(MethodSource method) {
        String className = method.getClassName();
        String methodName = method.getMethodName();
        String parameters = method.getMethodParameterTypes();
        // putIfAbsent rather than computeIfAbsent: no lambdas to set up in a short test JVM (issue 15)
        var byMethod = keys.get(className);
        if (byMethod == null) {
            var created = new ConcurrentHashMap<String, ConcurrentHashMap<String, String>>();
            var raced = keys.putIfAbsent(className, created);
            byMethod = raced != null ? raced : created;
        }
        var byParameters = byMethod.get(methodName);
        if (byParameters == null) {
            var created = new ConcurrentHashMap<String, String>();
            var raced = byMethod.putIfAbsent(methodName, created);
            byParameters = raced != null ? raced : created;
        }
        String key = byParameters.get(parameters);
        if (key == null) {
            String made = className + '#' + methodName + '(' + parameters + ')';
            key = byParameters.putIfAbsent(parameters, made);
            return key != null ? key : made; // another thread's, if it got there first: one instance per method
        }
        return key;
    }
}
