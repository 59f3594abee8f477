package org.testtelemetry.core.assertions;

import java.util.Arrays;

/**
 * Rewrites one class file so that each counted call site ({@link EntryPoints}) is preceded by
 * {@code invokestatic AssertionCounter.count()V}, reading and writing the class file format directly (JVMS §4).
 * <p>
 * A general bytecode library would do the same at a price a test JVM pays on every start: loading and verifying its
 * large classes and running them cold in the interpreter cost about 15–20 ms of CPU per JVM, most of what the agent
 * cost (BENCHMARKS.md, "Thin forks"). Inserting a call that takes and leaves nothing on the stack needs much less:
 * the instruction offsets move, so every place that names an offset is moved with them — jumps and switches
 * (switch padding included), the exception table, {@code StackMapTable} frames (and the {@code new} offsets of
 * uninitialized types), {@code LineNumberTable}, {@code LocalVariableTable}, {@code LocalVariableTypeTable} and type
 * annotations on code. The stack and locals are untouched, so every frame stays valid where it moves to; a jump to
 * a counted call lands on its count. Everything else in the class is copied byte for byte.
 * <p>
 * What it does not rewrite, leaving the class unchanged ({@link IllegalArgumentException} with the reason): a
 * method whose code would outgrow 65,535 bytes or one of whose 16-bit jumps would no longer reach; a constant pool
 * with no room for the six constants the call needs; an attribute of code it does not know (its offsets could not
 * be moved); bytes that are not a well-formed class file.
 */
final class CallSites {

    private static final int INVOKESTATIC = 0xB8;
    private static final byte[] CODE = ascii("Code");
    private static final byte[] RUNTIME_INVISIBLE_TYPE_ANNOTATIONS = ascii("RuntimeInvisibleTypeAnnotations");
    private static final byte[] RUNTIME_VISIBLE_TYPE_ANNOTATIONS = ascii("RuntimeVisibleTypeAnnotations");
    private static final byte[] STACK_MAP_TABLE = ascii("StackMapTable");
    private static final byte[] LOCAL_VARIABLE_TYPE_TABLE = ascii("LocalVariableTypeTable");
    private static final byte[] LOCAL_VARIABLE_TABLE = ascii("LocalVariableTable");
    private static final byte[] LINE_NUMBER_TABLE = ascii("LineNumberTable");

    private final byte[] in;
    private final boolean everyCall;
    private final String counter;
    /** Offset of each constant's tag, by index (0 and the second slot of long/double stay 0). */
    private int[] constants;
    private int constantsEnd;
    private String caller;
    private boolean withAssertions;
    /** Per constant index of a method reference: 0 not looked at yet, 1 counted, 2 not counted. */
    private byte[] verdicts;
    private int counterRef;
    /** Where the code being rewritten starts. */
    private int code;

    private CallSites(byte[] classFile, String counter, boolean everyCall) {
        this.in = classFile;
        this.counter = counter;
        this.everyCall = everyCall;
    }

    /**
     * The class with its entry-point call sites counted, or null when it has none (or its constant pool names no
     * package of an entry point: the cheap first look, which allocates nothing).
     *
     * @param counter the counter's internal name
     * @throws IllegalArgumentException when the bytes are not a class file, or one this rewriter leaves unchanged
     */
    static byte[] rewrite(byte[] classFile, String counter, byte[][] ownerPrefixes) {
        return new CallSites(classFile, counter, false).run(ownerPrefixes);
    }

    /** For tests: every method call counted, in any class (the widest exercise of the offset moving). */
    static byte[] rewriteEveryCall(byte[] classFile, String counter) {
        return new CallSites(classFile, counter, true).run(null);
    }

    private byte[] run(byte[][] ownerPrefixes) {
        if (in.length < 10 || u4(0) != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        if (!readConstants(ownerPrefixes)) {
            return null;
        }
        int at = constantsEnd;
        caller = className(u2(at + 2));
        int interfaces = u2(at + 6);
        at += 8;
        for (int i = 0; i < interfaces; i++, at += 2) {
            withAssertions |= EntryPoints.isWithAssertions(className(u2(at)));
        }
        at = skipMembers(at); // fields
        int methods = u2(at);
        at += 2;
        Out out = null;
        int copiedTo = constantsEnd;
        for (int m = 0; m < methods; m++) {
            int attributes = u2(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                int length = u4(at + 2);
                int end = at + 6 + length;
                check(end <= in.length);
                if (isUtf8(u2(at), CODE)) {
                    byte[] rewritten = rewriteCode(at, end);
                    if (rewritten != null) {
                        if (out == null) {
                            out = start();
                        }
                        out.bytes(in, copiedTo, at - copiedTo);
                        out.bytes(rewritten, 0, rewritten.length);
                        copiedTo = end;
                    }
                }
                at = end;
            }
        }
        int attributes = u2(at);
        at += 2;
        for (int a = 0; a < attributes; a++) {
            at += 6 + u4(at + 2);
        }
        check(at == in.length);
        if (out == null) {
            return null;
        }
        out.bytes(in, copiedTo, in.length - copiedTo);
        return out.toArray();
    }

    /** The header and constant pool, plus the six constants of {@code invokestatic counter.count()V}. */
    private Out start() {
        int count = u2(8);
        Out out = new Out(in.length + 256);
        out.bytes(in, 0, 8);
        out.u2(count + 6);
        out.bytes(in, 10, constantsEnd - 10);
        byte[] counter = ascii(this.counter);
        out.u1(1).u2(counter.length).bytes(counter, 0, counter.length); // count:     Utf8 counter
        out.u1(7).u2(count); //                                            count + 1: Class
        out.u1(1).u2(5).bytes(ascii("count"), 0, 5); //                    count + 2: Utf8 count
        out.u1(1).u2(3).bytes(ascii("()V"), 0, 3); //                      count + 3: Utf8 ()V
        out.u1(12).u2(count + 2).u2(count + 3); //                         count + 4: NameAndType
        out.u1(10).u2(count + 1).u2(count + 4); //                         count + 5: Methodref
        return out;
    }

    /**
     * Reads the constant pool; false when no UTF-8 constant starts with one of the prefixes (null: no check). That
     * first look walks the pool without allocating; only a class that passes it has its constants' offsets kept.
     */
    private boolean readConstants(byte[][] prefixes) {
        if (prefixes != null && walkConstants(null, prefixes) >= 0) {
            return false;
        }
        int count = u2(8);
        constants = new int[count];
        constantsEnd = walkConstants(constants, null);
        check(constantsEnd + 8 <= in.length);
        if (count + 6 > 0xFFFF) {
            throw new IllegalArgumentException("no room in the constant pool");
        }
        counterRef = count + 5;
        verdicts = new byte[count];
        return true;
    }

    /**
     * Walks the constant pool, keeping each constant's offset in {@code offsets} (when not null). Returns where the
     * pool ends, or -1 as soon as a UTF-8 constant starts with one of {@code prefixes} (when not null).
     */
    private int walkConstants(int[] offsets, byte[][] prefixes) {
        int count = u2(8);
        int at = 10;
        for (int i = 1; i < count; i++) {
            check(at < in.length);
            if (offsets != null) {
                offsets[i] = at;
            }
            int tag = in[at] & 0xFF;
            switch (tag) {
                case 1 -> {
                    int length = u2(at + 1);
                    check(at + 3 + length <= in.length);
                    if (prefixes != null && startsWithAny(at + 3, length, prefixes)) {
                        return -1;
                    }
                    at += 3 + length;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5;
                case 5, 6 -> {
                    at += 9;
                    i++;
                }
                case 7, 8, 16, 19, 20 -> at += 3;
                case 15 -> at += 4;
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        return at;
    }

    private boolean startsWithAny(int start, int length, byte[][] prefixes) {
        for (byte[] prefix : prefixes) {
            if (length >= prefix.length && in[start] == prefix[0]) {
                int k = 1;
                while (k < prefix.length && in[start + k] == prefix[k]) {
                    k++;
                }
                if (k == prefix.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private int skipMembers(int at) {
        int members = u2(at);
        at += 2;
        for (int i = 0; i < members; i++) {
            int attributes = u2(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                at += 6 + u4(at + 2);
                check(at <= in.length);
            }
        }
        return at;
    }

    /**
     * The rewritten Code attribute at {@code [start, end)}, or null when it calls no entry point.
     */
    private byte[] rewriteCode(int start, int end) {
        int codeLength = u4(start + 10);
        code = start + 14;
        check(codeLength > 0 && code + codeLength <= end);
        // Pass 1: where each instruction starts, which calls are counted, where everything moves.
        int[] moved = new int[codeLength + 1]; // old offset -> new offset of an instruction (its count, if any)
        Arrays.fill(moved, -1);
        boolean anyCounted = false;
        int shift = 0;
        int pc = 0;
        while (pc < codeLength) {
            int op = in[code + pc] & 0xFF;
            moved[pc] = pc + shift;
            if (op >= 0xB6 && op <= 0xB9 && counts(u2(code + pc + 1))) {
                shift += 3;
                anyCounted = true;
            } else if (op == 0xAA || op == 0xAB) {
                shift += padding(pc + shift) - padding(pc);
            }
            pc += length(code, pc, op);
        }
        check(pc == codeLength);
        if (!anyCounted) {
            return null;
        }
        moved[codeLength] = codeLength + shift;
        int newLength = codeLength + shift;
        if (newLength > 0xFFFF) {
            throw new IllegalArgumentException("a method would outgrow 65535 bytes of code");
        }
        // Pass 2: the code, with the counts and moved offsets.
        Out out = new Out(end - start + shift + 64);
        out.bytes(in, start, 10).u4(newLength);
        for (pc = 0; pc < codeLength; ) {
            int op = in[code + pc] & 0xFF;
            int length = length(code, pc, op);
            int now = moved[pc];
            if (op >= 0xB6 && op <= 0xB9 && counts(u2(code + pc + 1))) {
                out.u1(INVOKESTATIC).u2(counterRef);
                now += 3;
            }
            if ((op >= 0x99 && op <= 0xA8) || op == 0xC6 || op == 0xC7) {
                int offset = target(moved, pc, (short) u2(code + pc + 1)) - now;
                if (offset != (short) offset) {
                    throw new IllegalArgumentException("a jump would no longer reach");
                }
                out.u1(op).u2(offset);
            } else if (op == 0xC8 || op == 0xC9) {
                out.u1(op).u4(target(moved, pc, u4(code + pc + 1)) - now);
            } else if (op == 0xAA || op == 0xAB) {
                out.u1(op);
                for (int k = padding(now); k > 0; k--) {
                    out.u1(0);
                }
                int at = code + pc + 1 + padding(pc);
                out.u4(target(moved, pc, u4(at)) - now);
                if (op == 0xAA) {
                    int low = u4(at + 4);
                    int high = u4(at + 8);
                    out.u4(low).u4(high);
                    for (long k = low, j = at + 12; k <= high; k++, j += 4) {
                        out.u4(target(moved, pc, u4((int) j)) - now);
                    }
                } else {
                    int pairs = u4(at + 4);
                    out.u4(pairs);
                    for (int k = 0, j = at + 8; k < pairs; k++, j += 8) {
                        out.u4(u4(j)).u4(target(moved, pc, u4(j + 4)) - now);
                    }
                }
            } else {
                out.bytes(in, code + pc, length);
            }
            pc += length;
        }
        int at = code + codeLength;
        int handlers = u2(at);
        out.u2(handlers);
        at += 2;
        for (int i = 0; i < handlers; i++, at += 8) {
            out.u2(offset(moved, u2(at))).u2(offset(moved, u2(at + 2))).u2(offset(moved, u2(at + 4))).u2(u2(at + 6));
        }
        int attributes = u2(at);
        out.u2(attributes);
        at += 2;
        for (int a = 0; a < attributes; a++) {
            int length = u4(at + 2);
            int next = at + 6 + length;
            check(next <= end);
            attribute(out, at, next, moved);
            at = next;
        }
        check(at == end);
        byte[] bytes = out.toArray();
        int attributeLength = bytes.length - 6;
        bytes[2] = (byte) (attributeLength >>> 24);
        bytes[3] = (byte) (attributeLength >>> 16);
        bytes[4] = (byte) (attributeLength >>> 8);
        bytes[5] = (byte) attributeLength;
        return bytes;
    }

    /** One attribute of code, its offsets moved. */
    private void attribute(Out out, int at, int end, int[] moved) {
        int name = u2(at);
        out.bytes(in, at, 6); // name, length: unchanged for all but StackMapTable, patched below
        int mark = out.size;
        int p = at + 6;
        if (isUtf8(name, LINE_NUMBER_TABLE)) {
            int n = u2(p);
            out.u2(n);
            for (int i = 0, j = p + 2; i < n; i++, j += 4) {
                out.u2(offset(moved, u2(j))).u2(u2(j + 2));
            }
        } else if (isUtf8(name, LOCAL_VARIABLE_TABLE) || isUtf8(name, LOCAL_VARIABLE_TYPE_TABLE)) {
            int n = u2(p);
            out.u2(n);
            for (int i = 0, j = p + 2; i < n; i++, j += 10) {
                int from = u2(j);
                int to = from + u2(j + 2);
                int movedFrom = offset(moved, from);
                out.u2(movedFrom).u2(offset(moved, to) - movedFrom).bytes(in, j + 4, 6);
            }
        } else if (isUtf8(name, STACK_MAP_TABLE)) {
            stackMap(out, p, moved);
        } else if (isUtf8(name, RUNTIME_VISIBLE_TYPE_ANNOTATIONS) || isUtf8(name, RUNTIME_INVISIBLE_TYPE_ANNOTATIONS)) {
            int n = u2(p);
            out.u2(n);
            p += 2;
            for (int i = 0; i < n; i++) {
                p = typeAnnotation(out, p, moved);
            }
            check(p == end);
        } else {
            throw new IllegalArgumentException("an unknown attribute of code");
        }
        int length = out.size - mark;
        out.patch4(mark - 4, length);
    }

    private void stackMap(Out out, int p, int[] moved) {
        int n = u2(p);
        out.u2(n);
        p += 2;
        int old = -1;
        int now = -1;
        for (int i = 0; i < n; i++) {
            int type = in[p] & 0xFF;
            int delta;
            if (type < 128) {
                delta = type & 63;
                p++;
            } else {
                check(type >= 247);
                delta = u2(p + 1);
                p += 3;
            }
            old += delta + 1;
            int at = offset(moved, old);
            int newDelta = at - now - 1;
            now = at;
            if (type < 64) {
                if (newDelta < 64) {
                    out.u1(newDelta);
                } else {
                    out.u1(251).u2(newDelta);
                }
            } else if (type < 128) {
                if (newDelta < 64) {
                    out.u1(64 + newDelta);
                } else {
                    out.u1(247).u2(newDelta);
                }
                p = verificationTypes(out, p, 1, moved);
            } else {
                out.u1(type).u2(newDelta);
                if (type == 247) {
                    p = verificationTypes(out, p, 1, moved);
                } else if (type >= 252 && type <= 254) {
                    p = verificationTypes(out, p, type - 251, moved);
                } else if (type == 255) {
                    int locals = u2(p);
                    out.u2(locals);
                    p = verificationTypes(out, p + 2, locals, moved);
                    int stack = u2(p);
                    out.u2(stack);
                    p = verificationTypes(out, p + 2, stack, moved);
                }
            }
        }
    }

    private int verificationTypes(Out out, int p, int n, int[] moved) {
        for (int i = 0; i < n; i++) {
            int tag = in[p] & 0xFF;
            if (tag == 7) {
                out.bytes(in, p, 3);
                p += 3;
            } else if (tag == 8) { // Uninitialized: the offset of its `new`
                out.u1(8).u2(offset(moved, u2(p + 1)));
                p += 3;
            } else {
                check(tag < 7);
                out.u1(tag);
                p++;
            }
        }
        return p;
    }

    /** One type annotation on code (JVMS §4.7.20), its offsets moved; returns where the next one starts. */
    private int typeAnnotation(Out out, int p, int[] moved) {
        int target = in[p] & 0xFF;
        out.u1(target);
        p++;
        if (target == 0x40 || target == 0x41) { // local variable, resource variable
            int n = u2(p);
            out.u2(n);
            p += 2;
            for (int i = 0; i < n; i++, p += 6) {
                int from = u2(p);
                int movedFrom = offset(moved, from);
                out.u2(movedFrom).u2(offset(moved, from + u2(p + 2)) - movedFrom).u2(u2(p + 4));
            }
        } else if (target == 0x42) { // exception parameter: an index into the exception table
            out.bytes(in, p, 2);
            p += 2;
        } else if (target >= 0x43 && target <= 0x46) { // instanceof, new, method references
            out.u2(instruction(moved, u2(p)));
            p += 2;
        } else if (target >= 0x47 && target <= 0x4B) { // casts, type arguments of calls
            out.u2(instruction(moved, u2(p))).u1(in[p + 2] & 0xFF);
            p += 3;
        } else {
            throw new IllegalArgumentException("a type annotation target " + target + " in code");
        }
        int from = p;
        p += 1 + 2 * (in[p] & 0xFF); // type path
        p = annotationBody(p + 2); // type index, then the element-value pairs
        out.bytes(in, from, p - from);
        return p;
    }

    private int annotationBody(int p) {
        int pairs = u2(p);
        p += 2;
        for (int i = 0; i < pairs; i++) {
            p = elementValue(p + 2);
        }
        return p;
    }

    private int elementValue(int p) {
        check(p < in.length);
        return switch (in[p]) {
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> p + 3;
            case 'e' -> p + 5;
            case '@' -> annotationBody(p + 3);
            case '[' -> {
                int n = u2(p + 1);
                int q = p + 3;
                for (int i = 0; i < n; i++) {
                    q = elementValue(q);
                }
                yield q;
            }
            default -> throw new IllegalArgumentException("an unknown annotation element");
        };
    }

    /** Whether the call through method reference {@code index} is counted. */
    private boolean counts(int index) {
        check(index > 0 && index < verdicts.length);
        if (verdicts[index] == 0) {
            int ref = constants[index];
            int tag = in[ref] & 0xFF;
            check(tag == 10 || tag == 11);
            String owner = className(u2(ref + 1));
            int nameAndType = constants[u2(ref + 3)];
            String name = utf8(u2(nameAndType + 1));
            verdicts[index] = everyCall || EntryPoints.counts(owner, name, caller, withAssertions) ? (byte) 1 : 2;
        }
        return verdicts[index] == 1;
    }

    private int length(int code, int pc, int op) {
        int length = LENGTHS[op];
        if (length > 0) {
            return length;
        }
        if (op == 0xC4) { // wide
            return (in[code + pc + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        int at = code + pc + 1 + padding(pc);
        if (op == 0xAA) {
            long entries = (long) u4(at + 8) - u4(at + 4) + 1;
            check(entries >= 0 && entries < 0x10000);
            return 1 + padding(pc) + 12 + 4 * (int) entries;
        }
        if (op == 0xAB) {
            int pairs = u4(at + 4);
            check(pairs >= 0 && pairs < 0x10000);
            return 1 + padding(pc) + 8 + 8 * pairs;
        }
        throw new IllegalArgumentException("an unknown opcode " + op);
    }

    /** The padding after a switch opcode at {@code pc}: its operands start at a multiple of four. */
    private static int padding(int pc) {
        return (4 - ((pc + 1) & 3)) & 3;
    }

    /** Where the instruction at {@code old} moved to: after its count, if it has one (jumps land on the count). */
    private int instruction(int[] moved, int old) {
        int at = offset(moved, old);
        int op = in[code + old] & 0xFF;
        return op >= 0xB6 && op <= 0xB9 && counts(u2(code + old + 1)) ? at + 3 : at;
    }

    private static int target(int[] moved, int pc, int offset) {
        return offset(moved, pc + offset);
    }

    private static int offset(int[] moved, int old) {
        if (old < 0 || old >= moved.length || moved[old] < 0) {
            throw new IllegalArgumentException("an offset that is not an instruction");
        }
        return moved[old];
    }

    private String className(int classIndex) {
        check(classIndex > 0 && classIndex < constants.length && in[constants[classIndex]] == 7);
        return utf8(u2(constants[classIndex] + 1));
    }

    private String utf8(int index) {
        check(index > 0 && index < constants.length && in[constants[index]] == 1);
        int at = constants[index];
        int length = u2(at + 1);
        char[] chars = new char[length];
        int n = 0;
        for (int p = at + 3, end = p + length; p < end; ) {
            int b = in[p++] & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
            } else if (b < 0xE0) {
                chars[n++] = (char) (((b & 0x1F) << 6) | (in[p++] & 0x3F));
            } else {
                chars[n++] = (char) (((b & 0x0F) << 12) | ((in[p++] & 0x3F) << 6) | (in[p++] & 0x3F));
            }
        }
        return new String(chars, 0, n);
    }

    private boolean isUtf8(int index, byte[] ascii) {
        if (index <= 0 || index >= constants.length) {
            return false;
        }
        int at = constants[index];
        if (in[at] != 1 || u2(at + 1) != ascii.length) {
            return false;
        }
        for (int i = 0; i < ascii.length; i++) {
            if (in[at + 3 + i] != ascii[i]) {
                return false;
            }
        }
        return true;
    }

    private int u2(int at) {
        check(at + 2 <= in.length);
        return ((in[at] & 0xFF) << 8) | (in[at + 1] & 0xFF);
    }

    private int u4(int at) {
        return (u2(at) << 16) | u2(at + 2);
    }

    private static void check(boolean wellFormed) {
        if (!wellFormed) {
            throw new IllegalArgumentException("a malformed class file");
        }
    }

    private static byte[] ascii(String s) {
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) s.charAt(i);
        }
        return bytes;
    }

    /** Instruction lengths by opcode; 0 for the variable ones (switches, wide) and the invalid ones. */
    private static final byte[] LENGTHS = new byte[256];

    static {
        for (int op = 0; op <= 0xC9; op++) {
            LENGTHS[op] = 1;
        }
        for (int op : new int[] {0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3A, 0xA9, 0xBC}) {
            LENGTHS[op] = 2;
        }
        for (int op = 0x99; op <= 0xA8; op++) {
            LENGTHS[op] = 3;
        }
        for (int op : new int[] {0x11, 0x13, 0x14, 0x84, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xBB, 0xBD, 0xC0,
            0xC1, 0xC6, 0xC7}) {
            LENGTHS[op] = 3;
        }
        LENGTHS[0xC5] = 4;
        for (int op : new int[] {0xB9, 0xBA, 0xC8, 0xC9}) {
            LENGTHS[op] = 5;
        }
        LENGTHS[0xAA] = 0;
        LENGTHS[0xAB] = 0;
        LENGTHS[0xC4] = 0;
    }

    /** A growing byte array. */
    private static final class Out {

        private byte[] bytes;
        private int size;

        Out(int capacity) {
            bytes = new byte[capacity];
        }

        Out u1(int b) {
            room(1);
            bytes[size++] = (byte) b;
            return this;
        }

        Out u2(int v) {
            room(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
            return this;
        }

        Out u4(int v) {
            return u2(v >>> 16).u2(v);
        }

        Out bytes(byte[] from, int offset, int length) {
            room(length);
            System.arraycopy(from, offset, bytes, size, length);
            size += length;
            return this;
        }

        void patch4(int at, int v) {
            bytes[at] = (byte) (v >>> 24);
            bytes[at + 1] = (byte) (v >>> 16);
            bytes[at + 2] = (byte) (v >>> 8);
            bytes[at + 3] = (byte) v;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }
    }
}
