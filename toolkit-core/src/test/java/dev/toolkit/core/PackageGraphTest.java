package dev.toolkit.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * toolkit-core's package graph, read from the main sources: every reference to another package of the module
 * (imports and qualified names in code; comments do not count) is an edge, and the graph must have no cycle.
 */
class PackageGraphTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final String ROOT = "dev.toolkit.core";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.toolkit\\.core((?:\\.[a-z]\\w*)+)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Each package of the module and the packages of the module it refers to. */
    static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher declared = PACKAGE.matcher(text);
            if (!declared.find()) {
                continue;
            }
            String from = declared.group(1);
            Set<String> edges = graph.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher ref = REFERENCE.matcher(COMMENT.matcher(text).replaceAll(" "));
            while (ref.find()) {
                String to = ROOT + ref.group(1);
                if (!to.equals(from)) {
                    edges.add(to);
                }
            }
        }
        return graph;
    }

    /** A cycle in {@code graph} as the list of its packages, or an empty list. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the path, 2 done
        for (String start : graph.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
                                      Deque<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (java.util.Iterator<String> it = path.descendingIterator(); it.hasNext(); ) {
                String p = it.next();
                in |= p.equals(node);
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.pop();
        state.put(node, 2);
        return List.of();
    }

    @Test
    void thePackageGraphHasNoCycle() {
        Map<String, Set<String>> graph = graph();
        assertTrue(graph.keySet().containsAll(Set.of(ROOT + ".pipeline", ROOT + ".server", ROOT + ".client",
                ROOT + ".names", ROOT + ".dns", ROOT + ".inet", ROOT + ".observe", ROOT + ".framing",
                ROOT + ".error", ROOT + ".config", ROOT + ".transport")), "packages read: " + graph.keySet());
        assertEquals(List.of(), cycle(graph), "a cycle in " + graph);
    }

    @Test
    void thePipelineKnowsNeitherServersNorClients() {
        Set<String> pipeline = graph().get(ROOT + ".pipeline");
        assertFalse(pipeline.contains(ROOT + ".server"), pipeline.toString());
        assertFalse(pipeline.contains(ROOT + ".client"), pipeline.toString());
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), cycle(graph));
        assertEquals(List.of(), cycle(Map.of("a", Set.of("b"), "b", Set.of())));
    }
}
