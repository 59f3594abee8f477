package org.testtelemetry.core.assertions;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.testtelemetry.core.OwnCost;
import org.testtelemetry.core.TelemetryLog;

/**
 * Puts one {@link AssertionCounter#count()} call before each call site of an assertion entry point
 * ({@link EntryPoints}) in the classes the JVM loads. Fault cases, all leaving the class exactly as it was:
 * <ul>
 *   <li>the JDK, the assertion and mocking libraries, and this project's own classes are never looked at;</li>
 *   <li>a class whose loader cannot see {@link AssertionCounter} (e.g. the platform loader) is not changed;</li>
 *   <li>a class whose constant pool names no entry point's package is returned unchanged after a scan;</li>
 *   <li>a class that calls no entry point is returned unchanged after one ASM pass;</li>
 *   <li>a corrupt class file, or one ASM cannot read (a class file version newer than it knows): one debug line,
 *       unchanged (the JVM then reports a corrupt file itself, as it would have without us);</li>
 *   <li>a class being redefined or retransformed (e.g. by Mockito's inline mock maker) is not changed.</li>
 * </ul>
 * The transformer only reads the bytes it is given; it never loads or resolves a class, so the tests load exactly
 * the classes they would load without it.
 */
public final class AssertionTransformer implements ClassFileTransformer {

    private static final String COUNTER = AssertionCounter.class.getName().replace('.', '/');
    private static final String[] SKIPPED = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "org/junit/", "junit/", "org/testng/", "org/assertj/",
        "org/hamcrest/", "com/google/common/truth/", "org/mockito/", "net/bytebuddy/", "org/objenesis/",
        "org/opentest4j/", "org/apiguardian/", "org/apache/maven/surefire/", "org/jacoco/", "org/testtelemetry/"};
    private static final byte[][] OWNER_PREFIXES = new byte[EntryPoints.OWNER_PREFIXES.length][];

    static {
        for (int i = 0; i < OWNER_PREFIXES.length; i++) {
            OWNER_PREFIXES[i] = EntryPoints.OWNER_PREFIXES[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final TelemetryLog log;
    private final ClassLoader counterLoader = AssertionCounter.class.getClassLoader();

    /** @param log receives one debug line per class that could not be transformed */
    public AssertionTransformer(TelemetryLog log) {
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        long began = OwnCost.begin();
        try {
            return transformNow(loader, className, redefined, classFile);
        } finally {
            OwnCost.end(OwnCost.AGENT, began);
        }
    }

    private byte[] transformNow(ClassLoader loader, String className, Class<?> redefined, byte[] classFile) {
        if (redefined != null || className == null || classFile == null || skipped(className)
                || !seesCounter(loader)) {
            return null;
        }
        try {
            return instrument(classFile);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vmError) {
                throw vmError;
            }
            try {
                log.debug("Test telemetry: assertions of " + className + " not counted (class left unchanged): "
                        + t.getClass().getName());
            } catch (RuntimeException | LinkageError ignored) {
                // never fail a class load for a log line
            }
            return null;
        }
    }

    /**
     * The class with its assertion call sites counted, or null when it has none.
     *
     * @throws RuntimeException when the bytes are not a class file ASM can read
     */
    static byte[] instrument(byte[] classFile) {
        if (!ConstantPoolScan.namesAny(classFile, OWNER_PREFIXES)) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        CallSites sites = new CallSites(writer);
        reader.accept(sites, 0);
        return sites.changed ? writer.toByteArray() : null;
    }

    private static boolean skipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Instrumented code must resolve our counter: only loaders that delegate to its loader qualify. */
    private boolean seesCounter(ClassLoader loader) {
        for (ClassLoader at = loader; at != null; at = at.getParent()) {
            if (at == counterLoader) {
                return true;
            }
        }
        return false;
    }

    /** Inserts the count before each entry-point call; the stack and locals are untouched, so frames stay valid. */
    private static final class CallSites extends ClassVisitor {

        private String className;
        private boolean withAssertions;
        boolean changed;

        CallSites(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            className = name;
            if (interfaces != null) {
                for (String type : interfaces) {
                    withAssertions |= EntryPoints.isWithAssertions(type);
                }
            }
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return next == null ? null : new MethodVisitor(Opcodes.ASM9, next) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                    if (EntryPoints.counts(owner, method, className, withAssertions)) {
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, COUNTER, "count", "()V", false);
                        changed = true;
                    }
                    super.visitMethodInsn(opcode, owner, method, desc, itf);
                }
            };
        }
    }
}
