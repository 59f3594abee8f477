package org.testtelemetry.core.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@link CallSites} against real class files by the ten thousand: the JDK's {@code java.base} and the jars of
 * this module's tests (library bytecode of several compilers and ages), each with
 * every method call counted, the widest exercise of the offset moving. Two oracles: ASM's rewrite of the same class
 * must list the same code, frames and tables (its writer moved every offset for the agent before); and the JVM's
 * verifier must accept each rewritten library class.
 */
class CallSitesTest {

    private static final String COUNTER = AssertionCounter.class.getName().replace('.', '/');

    @Test
    void everyCallCountedListsTheSameCodeAsAsmsRewrite() throws Exception {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        javaBase(corpus);
        for (Class<?> type : libraries()) {
            jar(type, corpus);
        }
        int compared = 0;
        int unchanged = 0;
        Map<String, Integer> refused = new TreeMap<>();
        List<String> different = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : corpus.entrySet()) {
            byte[] ours;
            try {
                ours = CallSites.rewriteEveryCall(entry.getValue(), COUNTER);
            } catch (IllegalArgumentException e) {
                refused.merge(e.getMessage(), 1, Integer::sum);
                continue;
            }
            byte[] asm = AsmOracle.rewrite(entry.getValue(), true);
            if (ours == null) {
                assertThat(asm).as("%s: nothing to count for ASM either", entry.getKey()).isNull();
                unchanged++;
                continue;
            }
            compared++;
            if (!AsmOracle.listing(ours).equals(AsmOracle.listing(asm)) && different.size() < 5) {
                different.add(entry.getKey());
            }
        }
        System.out.printf("CallSites vs ASM: %d classes, %d rewritten and compared, %d without calls, refused %s%n",
                corpus.size(), compared, unchanged, refused);
        assertThat(different).as("classes whose rewrite lists differently from ASM's").isEmpty();
        assertThat(compared).isGreaterThan(10_000);
        int refusals = refused.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(refusals).as("classes left unchanged: %s", refused).isLessThan(compared / 1000);
    }

    @Test
    void theVerifierAcceptsEveryRewrittenLibraryClass() throws Exception {
        assertThatThrownBy(() -> link(Map.of("bad.Underflow", underflow()), "bad.Underflow"))
                .as("linking verifies: a class that pops an empty stack is refused")
                .isInstanceOf(VerifyError.class);
        int linked = 0;
        List<String> rejected = new ArrayList<>();
        for (Class<?> type : libraries()) {
            Map<String, byte[]> classes = new LinkedHashMap<>();
            jar(type, classes);
            Map<String, byte[]> rewritten = new HashMap<>();
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                try {
                    byte[] ours = CallSites.rewriteEveryCall(entry.getValue(), COUNTER);
                    rewritten.put(entry.getKey(), ours == null ? entry.getValue() : ours);
                } catch (IllegalArgumentException refused) {
                    rewritten.put(entry.getKey(), entry.getValue());
                }
            }
            Rewritten loader = new Rewritten(rewritten);
            for (String name : rewritten.keySet()) {
                try {
                    Class.forName(name, false, loader).getDeclaredMethods(); // links, so verifies
                    linked++;
                } catch (VerifyError | ClassFormatError e) {
                    rejected.add(name + ": " + e);
                } catch (LinkageError | SecurityException e) {
                    // an optional dependency that is not here, a sealed package: not ours to judge
                }
            }
        }
        System.out.printf("CallSites, verified: %d rewritten library classes linked%n", linked);
        assertThat(rejected).isEmpty();
        assertThat(linked).isGreaterThan(5_000);
    }

    @Test
    void malformedBytesAreRefusedWithAReason() {
        byte[] real = InstrumentingLoader.bytes("sample.assertions.JupiterCalls");
        assertThatThrownBy(() -> CallSites.rewriteEveryCall(new byte[] {1, 2, 3}, COUNTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a class file");
        for (int cut : new int[] {12, real.length / 3, real.length / 2, real.length - 3}) {
            byte[] truncated = java.util.Arrays.copyOf(real, cut);
            assertThatThrownBy(() -> CallSites.rewriteEveryCall(truncated, COUNTER))
                    .as("cut at %d", cut).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void link(Map<String, byte[]> classes, String name) throws ClassNotFoundException {
        Class.forName(name, false, new Rewritten(classes)).getDeclaredMethods();
    }

    /** A class whose only method pops an empty stack. */
    private static byte[] underflow() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "bad/Underflow", null, "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        method.visitInsn(Opcodes.POP);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(1, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** The libraries whose jars make the corpus: several compilers (javac, kotlinc) and ages. */
    private static List<Class<?>> libraries() throws ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        for (String name : new String[] {"org.assertj.core.api.Assertions", "org.mockito.Mockito",
            "net.bytebuddy.ByteBuddy", "kotlin.Unit", "okhttp3.OkHttpClient", "com.google.common.collect.ImmutableList",
            "org.testng.TestNG", "tools.jackson.databind.ObjectMapper", "org.jacoco.core.analysis.Analyzer",
            "junit.framework.TestCase", "org.junit.jupiter.engine.JupiterTestEngine"}) {
            types.add(Class.forName(name));
        }
        return types;
    }

    private static void javaBase(Map<String, byte[]> corpus) throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.toString();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    corpus.put(name, Files.readAllBytes(file));
                }
            }
        }
    }

    private static void jar(Class<?> type, Map<String, byte[]> into) {
        try (JarFile jar = new JarFile(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && !name.contains("-info") && !name.startsWith("META-INF/")) {
                    into.put(name.substring(0, name.length() - 6).replace('/', '.'),
                            jar.getInputStream(entry).readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines the given classes itself (child first); everything else comes from the test's loader. */
    private static final class Rewritten extends ClassLoader {

        private final Map<String, byte[]> classes;

        Rewritten(Map<String, byte[]> classes) {
            super(CallSitesTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }
}
