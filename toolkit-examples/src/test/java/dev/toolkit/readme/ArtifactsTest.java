package dev.toolkit.readme;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The artifacts the README's "Using toolkit as a dependency" describes stay complete as modules come and go: {@code toolkit-bom} lists every
 * published module of the parent at the parent's version, and every module names itself on the module path
 * ({@code Automatic-Module-Name}, from its {@code toolkit.module.name}).
 */
class ArtifactsTest {

    /** Modules that are built but never published. */
    private static final List<String> UNPUBLISHED = List.of("toolkit-bom", "toolkit-bench");

    private static Element pom(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), file + " is missing");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        return document.getDocumentElement();
    }

    /** The text of the child elements of {@code parent} on {@code path} (element names). */
    private static List<String> texts(Element parent, String... path) {
        List<Element> level = List.of(parent);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element e : level) {
                NodeList children = e.getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    Node child = children.item(i);
                    if (child instanceof Element c && c.getTagName().equals(name)) {
                        next.add(c);
                    }
                }
            }
            level = next;
        }
        return level.stream().map(e -> e.getTextContent().strip()).toList();
    }

    @Test
    void theBomListsEveryPublishedModuleAtTheParentsVersion() throws Exception {
        Path root = ReadmeSnippetsTest.repository();
        Element parent = pom(root.resolve("pom.xml"));
        Element bom = pom(root.resolve("toolkit-bom/pom.xml"));
        assertEquals(texts(parent, "version"), texts(bom, "version"), "toolkit-bom's version is the parent's");
        assertTrue(texts(parent, "modules", "module").contains("toolkit-bom"), "the parent builds toolkit-bom");

        TreeSet<String> published = new TreeSet<>(texts(parent, "modules", "module"));
        published.removeAll(UNPUBLISHED);
        List<String> managed = texts(bom, "dependencyManagement", "dependencies", "dependency", "artifactId");
        assertEquals(published, new TreeSet<>(managed), "toolkit-bom manages exactly the published modules");
        assertEquals(List.of("${project.version}"),
                texts(bom, "dependencyManagement", "dependencies", "dependency", "version").stream().distinct().toList());
        assertEquals(List.of("dev.toolkit"),
                texts(bom, "dependencyManagement", "dependencies", "dependency", "groupId").stream().distinct().toList());
    }

    @Test
    void everyModuleNamesItselfOnTheModulePath() throws Exception {
        Path root = ReadmeSnippetsTest.repository();
        for (String module : texts(pom(root.resolve("pom.xml")), "modules", "module")) {
            if (module.equals("toolkit-bom")) {
                continue;
            }
            List<String> name = texts(pom(root.resolve(module).resolve("pom.xml")), "properties", "toolkit.module.name");
            assertEquals(List.of("dev.toolkit." + module.substring("toolkit-".length())), name, module);
        }
    }
}
