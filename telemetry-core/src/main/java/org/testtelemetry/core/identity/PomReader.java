package org.testtelemetry.core.identity;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a project's vendor (groupId, inherited from {@code <parent>}) and name (artifactId) from a
 * {@code pom.xml} without Maven. {@code ${...}} in a coordinate is resolved from the pom's own properties;
 * what cannot be resolved is left out with a warning. A malformed pom is a warning, never an exception.
 */
public final class PomReader {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private PomReader() {
    }

    /** @return the coordinates, or null when the file is missing or unreadable (with a warning for the latter) */
    public static ProjectName read(Path pom, Consumer<String> warn) {
        if (pom == null || !Files.isRegularFile(pom)) {
            return null;
        }
        Element project;
        try (InputStream in = Files.newInputStream(pom)) {
            project = parse(in).getDocumentElement();
        } catch (Exception e) {
            warn.accept("Test telemetry: cannot read " + pom + " (" + firstLine(e) + "); project name unknown");
            return null;
        }
        if (project == null || !"project".equals(localName(project))) {
            warn.accept("Test telemetry: " + pom + " is not a Maven pom; project name unknown");
            return null;
        }
        Element parent = child(project, "parent");
        Map<String, String> props = new HashMap<>();
        Element properties = child(project, "properties");
        if (properties != null) {
            NodeList list = properties.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element e) {
                    props.put(localName(e), e.getTextContent().trim());
                }
            }
        }
        String parentGroup = parent == null ? null : text(child(parent, "groupId"));
        String group = text(child(project, "groupId"));
        String artifact = text(child(project, "artifactId"));
        if (parentGroup != null) {
            props.putIfAbsent("project.parent.groupId", parentGroup);
        }
        if (group == null) {
            group = parentGroup;
        }
        String vendor = resolve(group, props, pom, "groupId", warn);
        if (vendor != null) {
            props.putIfAbsent("project.groupId", vendor);
            props.putIfAbsent("pom.groupId", vendor);
        }
        String name = resolve(artifact, props, pom, "artifactId", warn);
        if (vendor == null && name == null) {
            return null;
        }
        return new ProjectName(vendor, name);
    }

    private static String resolve(String value, Map<String, String> props, Path pom, String what,
                                  Consumer<String> warn) {
        if (value == null) {
            return null;
        }
        String current = value;
        for (int depth = 0; depth < 10 && current.contains("${"); depth++) {
            Matcher m = PLACEHOLDER.matcher(current);
            StringBuilder out = new StringBuilder();
            boolean unresolved = false;
            while (m.find()) {
                String replacement = props.get(m.group(1));
                if (replacement == null) {
                    unresolved = true;
                    replacement = m.group();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            if (unresolved) {
                warn.accept("Test telemetry: " + what + " '" + value + "' in " + pom
                        + " uses a property the pom does not define; leaving it out");
                return null;
            }
            current = out.toString();
        }
        if (current.contains("${")) {
            warn.accept("Test telemetry: " + what + " '" + value + "' in " + pom
                    + " could not be resolved; leaving it out");
            return null;
        }
        return current.isBlank() ? null : current.trim();
    }

    private static Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null); // errors become exceptions, not lines on stderr
        return builder.parse(in);
    }

    private static Element child(Element parent, String name) {
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            Node n = list.item(i);
            if (n instanceof Element e && name.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
