package org.testtelemetry.core.assertions;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypePath;

/**
 * The reference {@link CallSites} is checked against: the same rewrite done with ASM (which the agent used before),
 * and a canonical listing of a class's code that two rewrites of one class must share. The listing names every
 * instruction with its operands, jump targets and frames by instruction number instead of offset, the exception
 * table, line numbers, local variables and type annotations on code.
 */
final class AsmOracle {

    private static final String COUNTER = AssertionCounter.class.getName().replace('.', '/');

    private AsmOracle() {
    }

    /** ASM's rewrite: every call counted ({@code everyCall}) or the entry points'; null when nothing is counted. */
    static byte[] rewrite(byte[] classFile, boolean everyCall) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String className;
            private boolean withAssertions;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                className = name;
                for (String type : interfaces) {
                    withAssertions |= EntryPoints.isWithAssertions(type);
                }
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                        exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (everyCall || EntryPoints.counts(owner, method, className, withAssertions)) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, COUNTER, "count", "()V", false);
                            changed[0] = true;
                        }
                        super.visitMethodInsn(opcode, owner, method, desc, itf);
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** The canonical listing of every method's code. */
    static String listing(byte[] classFile) {
        StringBuilder out = new StringBuilder();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                out.append("\nmethod ").append(name).append(descriptor).append('\n');
                return new Lister(out);
            }
        }, ClassReader.EXPAND_FRAMES);
        return out.toString();
    }

    /** Lists one method; labels become "L" + the number of instructions before them. */
    private static final class Lister extends MethodVisitor {

        private final StringBuilder out;
        private final Map<Label, Integer> labels = new HashMap<>();
        private final Parts body = new Parts();
        private int instructions;

        Lister(StringBuilder out) {
            super(Opcodes.ASM9);
            this.out = out;
        }

        private Parts insn(int opcode) {
            instructions++;
            return body.append(' ').append(opcode);
        }

        @Override
        public void visitLabel(Label label) {
            labels.put(label, instructions);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            body.append("\n  frame@").append(instructions).append(' ').append(type);
            for (int i = 0; i < numLocal; i++) {
                body.append(' ').append(item(local[i]));
            }
            body.append(" |");
            for (int i = 0; i < numStack; i++) {
                body.append(' ').append(item(stack[i]));
            }
            body.append('\n');
        }

        private Object item(Object item) {
            return item instanceof Label ? item : String.valueOf(item);
        }

        @Override
        public void visitInsn(int opcode) {
            insn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            insn(opcode).append(':').append(operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            insn(opcode).append(':').append(varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            insn(opcode).append(':').append(type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            insn(opcode).append(':').append(owner).append('.').append(name).append(descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            insn(opcode).append(':').append(owner).append('.').append(name).append(descriptor).append(itf);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle handle, Object... arguments) {
            insn(Opcodes.INVOKEDYNAMIC).append(':').append(name).append(descriptor).append(handle);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            insn(opcode).append("->").append(label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            insn(Opcodes.LDC).append(':').append(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            insn(Opcodes.IINC).append(':').append(varIndex).append(',').append(increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
            insn(Opcodes.TABLESWITCH).append(':').append(min).append('-').append(max).append("->")
                    .append(dflt);
            for (Label target : targets) {
                body.append(',').append(target);
            }
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
            insn(Opcodes.LOOKUPSWITCH).append("->").append(dflt);
            for (int i = 0; i < keys.length; i++) {
                body.append(',').append(keys[i]).append("->").append(targets[i]);
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            insn(Opcodes.MULTIANEWARRAY).append(':').append(descriptor).append(numDimensions);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            body.append("\n  try ").append(start).append(' ').append(end).append(' ')
                    .append(handler).append(' ').append(type).append('\n');
        }

        @Override
        public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                       int index) {
            body.append("\n  local ").append(name).append(' ').append(descriptor).append(' ').append(signature)
                    .append(' ').append(start).append(' ').append(end).append(' ').append(index);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            body.append("\n  line ").append(line).append(' ').append(start).append('\n');
        }

        @Override
        public org.objectweb.asm.AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath,
                                                                       String descriptor, boolean visible) {
            body.append("\n  insn-annotation@").append(instructions).append(' ').append(typeRef).append(' ')
                    .append(typePath).append(' ').append(descriptor).append(visible).append('\n');
            return null;
        }

        @Override
        public org.objectweb.asm.AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath,
                Label[] start, Label[] end, int[] index, String descriptor, boolean visible) {
            body.append("\n  local-annotation ").append(typeRef).append(' ').append(descriptor);
            for (int i = 0; i < start.length; i++) {
                body.append(' ').append(start[i]).append('-').append(end[i]).append(':')
                        .append(index[i]);
            }
            body.append('\n');
            return null;
        }

        @Override
        public org.objectweb.asm.AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath,
                                                                           String descriptor, boolean visible) {
            body.append("\n  catch-annotation ").append(typeRef).append(' ').append(descriptor).append('\n');
            return null;
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            body.append("\n  maxs ").append(maxStack).append(' ').append(maxLocals);
        }

        @Override
        public void visitEnd() {
            for (Object part : body.parts) {
                if (part instanceof Label label) {
                    Integer at = labels.get(label);
                    out.append('#').append(at == null ? "?" : at.toString());
                } else {
                    out.append(part);
                }
            }
        }
    }

    /** Text with labels left in place until their instruction numbers are known. */
    private static final class Parts {

        final java.util.List<Object> parts = new java.util.ArrayList<>();

        Parts append(Object part) {
            parts.add(part instanceof Label ? part : String.valueOf(part));
            return this;
        }
    }
}
