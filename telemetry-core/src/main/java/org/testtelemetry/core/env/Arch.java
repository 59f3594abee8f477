package org.testtelemetry.core.env;

import java.util.Locale;
import java.util.Map;

/** Normalizes {@code os.arch} to one name per architecture, so dashboards do not split amd64 and x86_64. */
public final class Arch {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("x86_64", "amd64"), Map.entry("amd64", "amd64"), Map.entry("x64", "amd64"),
            Map.entry("x86-64", "amd64"), Map.entry("em64t", "amd64"),
            Map.entry("aarch64", "arm64"), Map.entry("arm64", "arm64"), Map.entry("armv8", "arm64"),
            Map.entry("x86", "x86"), Map.entry("i386", "x86"), Map.entry("i486", "x86"), Map.entry("i586", "x86"),
            Map.entry("i686", "x86"), Map.entry("ia32", "x86"), Map.entry("x86_32", "x86"),
            Map.entry("arm", "arm"), Map.entry("arm32", "arm"), Map.entry("armv7", "arm"), Map.entry("armv7l", "arm"),
            Map.entry("armhf", "arm"), Map.entry("armel", "arm"), Map.entry("aarch32", "arm"),
            Map.entry("ppc64le", "ppc64le"), Map.entry("ppc64el", "ppc64le"),
            Map.entry("s390x", "s390x"), Map.entry("riscv64", "riscv64"), Map.entry("loongarch64", "loongarch64"),
            Map.entry("ppc64", "ppc64"), Map.entry("sparcv9", "sparcv9"), Map.entry("mips64el", "mips64el"));

    private Arch() {
    }

    /** Every canonical name {@link #normalize} can return for a known architecture. */
    public static java.util.Set<String> ids() {
        return java.util.Set.copyOf(ALIASES.values());
    }

    /**
     * @return the canonical name, or the value lower-cased as reported (which {@link Vocabulary#arch} sends as
     *         {@code other}); null for null
     */
    public static String normalize(String osArch) {
        if (osArch == null || osArch.isBlank()) {
            return null;
        }
        String key = osArch.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(key, key);
    }
}
