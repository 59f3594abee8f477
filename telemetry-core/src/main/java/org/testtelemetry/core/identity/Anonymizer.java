package org.testtelemetry.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Project;

/**
 * Turns a {@link ProjectName} into the {@link Project} that is sent. Hashes are HMAC-SHA256 under a secret key
 * over the normalized name, hex, truncated to 128 bits, tagged {@code h1-} so the scheme can rotate. The same
 * name and key always give the same id; without the key, a list of public names cannot reverse it.
 *
 * <pre>{@code
 * Project sent = new Anonymizer(key).apply(new ProjectName("org.acme", "shop"), Anonymization.ALL);
 * }</pre>
 */
public final class Anonymizer {

    /** Prefix of every hash this scheme writes. */
    public static final String SCHEME = "h1-";
    private static final int HEX_CHARS = 32; // 128 bits

    private final SecretKeySpec key;

    public Anonymizer(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an anonymization key is required");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public Project apply(ProjectName name, Anonymization mode) {
        Anonymization m = mode == null ? Anonymization.ALL : mode;
        String vendor = name == null ? null : name.vendor();
        String project = name == null ? null : name.name();
        return switch (m) {
            case NONE -> new Project(vendor, project, m);
            case PROJECT -> new Project(vendor, hashName(vendor, project), m);
            case ALL -> new Project(hashVendor(vendor), hashName(vendor, project), m);
        };
    }

    /** The id of a vendor. */
    public String hashVendor(String vendor) {
        return vendor == null ? null : hash("vendor\u0000" + normalize(vendor));
    }

    /** The id of a project: its vendor takes part, so equal names under two vendors differ. */
    public String hashName(String vendor, String project) {
        return project == null ? null
                : hash("project\u0000" + normalize(vendor == null ? "" : vendor) + "/" + normalize(project));
    }

    private String hash(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String normalize(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
