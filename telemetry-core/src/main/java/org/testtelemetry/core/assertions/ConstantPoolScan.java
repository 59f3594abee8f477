package org.testtelemetry.core.assertions;

/**
 * The cheap first look at a class file: does its constant pool name a type in a package of an assertion entry
 * point? Only then is the class parsed and rewritten. Reads the bytes in place and allocates nothing.
 */
final class ConstantPoolScan {

    private ConstantPoolScan() {
    }

    /**
     * Whether some UTF-8 constant of {@code classFile} starts with one of {@code prefixes} (ASCII).
     *
     * @throws IllegalArgumentException when the bytes are not a class file's constant pool
     */
    static boolean namesAny(byte[] classFile, byte[][] prefixes) {
        if (classFile.length < 10 || u4(classFile, 0) != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        int count = u2(classFile, 8);
        int at = 10;
        for (int i = 1; i < count; i++) {
            int tag = classFile[at] & 0xFF;
            switch (tag) {
                case 1 -> { // Utf8
                    int length = u2(classFile, at + 1);
                    if (at + 3 + length > classFile.length) {
                        throw new IllegalArgumentException("truncated constant pool");
                    }
                    if (startsWithAny(classFile, at + 3, length, prefixes)) {
                        return true;
                    }
                    at += 3 + length;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5;
                case 5, 6 -> { // Long, Double take two entries
                    at += 9;
                    i++;
                }
                case 7, 8, 16, 19, 20 -> at += 3;
                case 15 -> at += 4;
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        return false;
    }

    private static boolean startsWithAny(byte[] b, int start, int length, byte[][] prefixes) {
        for (byte[] prefix : prefixes) {
            if (length >= prefix.length && b[start] == prefix[0]) {
                int k = 1;
                while (k < prefix.length && b[start + k] == prefix[k]) {
                    k++;
                }
                if (k == prefix.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }
}
