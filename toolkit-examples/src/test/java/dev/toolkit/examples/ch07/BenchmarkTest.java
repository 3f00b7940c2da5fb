package dev.toolkit.examples.ch07;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark in smoke mode (very short points, two cycles): its table, CSV and SVG are well formed. */
class BenchmarkTest {

    private static final Pattern ROW = Pattern.compile(
            "([a-z_]+) +(\\d+) +(\\d+\\.\\d) +(\\d+\\.\\d{3}) +(\\d+\\.\\d{3}) +(\\d+\\.\\d|n/a) +(\\d+)");

    private static final class Run {
        final int status;
        final String out;
        final String err;

        Run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            status = Launcher.commandLine(Catalog.find("ch07", "benchmark").orElseThrow(),
                    new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
            this.out = out.toString();
            this.err = err.toString();
        }
    }

    @Test
    void smokeRunPrintsAWellFormedTableAndWritesCsvAndSvg(@TempDir Path dir) throws Exception {
        Run run = new Run("--smoke", "--duration", "0.2", "--cycles", "1,2", "-o", dir.toString());
        assertEquals(0, run.status, run.out + run.err);
        List<String> lines = run.out.lines().toList();
        assertTrue(lines.get(0).startsWith("Zen benchmark: 2 point(s) of 0.2 s per server on 127.0.0.1"),
                lines.get(0));
        assertEquals(Benchmark.header(), lines.get(1));
        List<String> rows = lines.subList(2, 2 + Benchmark.SERVERS.size() * 2);
        List<String> seen = new ArrayList<>();
        for (String row : rows) {
            var m = ROW.matcher(row);
            assertTrue(m.matches(), "a table row: " + row);
            seen.add(m.group(1) + "/" + m.group(2));
            assertEquals("0", m.group(7), "no failed session: " + row);
        }
        List<String> expected = new ArrayList<>();
        for (String server : Benchmark.SERVERS) {
            expected.add(server + "/1");
            expected.add(server + "/2");
        }
        assertEquals(expected, seen);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("toolkit overhead: event_loop served ")), run.out);
        assertTrue(lines.get(lines.size() - 1).startsWith("Wrote "), run.out);

        List<String> csv = Files.readAllLines(dir.resolve("benchmark.csv"));
        assertEquals("server,clients,requests,requests_per_second,p50_ms,p99_ms,cpu_us_per_request,errors",
                csv.get(0));
        assertEquals(1 + rows.size(), csv.size());
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertEquals(8, f.length, line);
            Integer.parseInt(f[1]);
            Long.parseLong(f[2]);
            Arrays.stream(f, 3, 7).forEach(Double::parseDouble);
        }
        assertEquals(Files.readString(dir.resolve("benchmark.txt")).lines().count(), rows.size() + 2);

        Document svg = parse(dir.resolve("benchmark.svg"));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        NodeList lines2 = svg.getElementsByTagName("polyline");
        assertEquals(Benchmark.SERVERS.size(), lines2.getLength(), "one line per server");
        for (int i = 0; i < lines2.getLength(); i++) {
            String points = ((Element) lines2.item(i)).getAttribute("points");
            assertEquals(2, points.trim().split("\\s+").length, "a point per cycle: " + points);
        }
        Set<String> texts = new HashSet<>();
        NodeList text = svg.getElementsByTagName("text");
        for (int i = 0; i < text.getLength(); i++) {
            texts.add(text.item(i).getTextContent());
        }
        assertTrue(texts.containsAll(Benchmark.SERVERS), "a legend entry per server: " + texts);
        assertTrue(texts.contains("concurrent clients") && texts.contains("requests per second"), texts.toString());
    }

    @Test
    void chartOfOneServerAndOnePointIsWellFormed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.svg");
        Files.writeString(file, BenchmarkChart.svg(List.of(new LoadPoint("a<b&c", 1, 0, 0, 0, 0, -1, 0)),
                "title with <markup> & \"quotes\""));
        Document svg = parse(file);
        assertEquals(1, svg.getElementsByTagName("polyline").getLength());
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, BenchmarkChart.niceStep(0.7));
        assertEquals(2000, BenchmarkChart.niceStep(1234));
        assertEquals(5000, BenchmarkChart.niceStep(4000));
        assertEquals(10000, BenchmarkChart.niceStep(6000));
    }

    @Test
    void badArgumentsExitWithStatusTwo() {
        Run unknown = new Run("--servers", "nonesuch");
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("unknown server nonesuch"), unknown.err);
        assertEquals(2, new Run("--duration", "0").status);
        assertEquals(2, new Run("--cycles", "x").status);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(file.toFile());
    }
}
