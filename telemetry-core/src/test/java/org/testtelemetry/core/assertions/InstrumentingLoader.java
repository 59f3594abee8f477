package org.testtelemetry.core.assertions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;

/**
 * Loads the {@code sample.assertions} fixtures itself, through a transformer, the way the JVM does for an agent;
 * everything else comes from the test's own loader (which holds {@link AssertionCounter}).
 */
final class InstrumentingLoader extends ClassLoader {

    private final ClassFileTransformer transformer;

    InstrumentingLoader(ClassFileTransformer transformer) {
        super(InstrumentingLoader.class.getClassLoader());
        this.transformer = transformer;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("sample.assertions.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] original = bytes(name);
                byte[] changed;
                try {
                    changed = transformer.transform(this, name.replace('.', '/'), null, null, original);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                byte[] used = changed == null ? original : changed;
                loaded = defineClass(name, used, 0, used.length);
            }
            return loaded;
        }
    }

    static byte[] bytes(String className) {
        try (InputStream in = InstrumentingLoader.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
