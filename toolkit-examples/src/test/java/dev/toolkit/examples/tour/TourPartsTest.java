package dev.toolkit.examples.tour;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TourPartsTest {

    @Test
    void listeningLinesGiveTheirPort() {
        assertEquals(Optional.of(1060), ListeningLine.port("Listening at ('127.0.0.1', 1060)"));
        assertEquals(Optional.of(1060), ListeningLine.port("Listening at ('::1', 1060, 0, 0)"));
        assertEquals(Optional.of(8000), ListeningLine.port("Listening at 127.0.0.1:8000"));
        assertEquals(Optional.of(8000), ListeningLine.port("Listening at [::1]:8000"));
        assertEquals(Optional.empty(), ListeningLine.port("Accepted connection from ('127.0.0.1', 1060)"));
        assertEquals(Optional.empty(), ListeningLine.port("Listening at nowhere"));
    }

    @Test
    void expectDescribesEveryDifference() {
        assertEquals(List.of(), Expect.lines("server", List.of("a 1", "b"), List.of("a \\d", Expect.literal("b"))));
        assertEquals(List.of("server line 2: expected \\Qb\\E but got: c"),
                Expect.lines("server", List.of("a", "c"), List.of("a", Expect.literal("b"))));
        assertEquals(List.of("server printed 1 lines; line 2 missing: expected b"),
                Expect.lines("server", List.of("a"), List.of("a", "b")));
        assertEquals(List.of("client printed an unexpected line 1: surprise"),
                Expect.lines("client", List.of("surprise"), List.of()));
    }

    @Test
    void lineCollectorSplitsLinesWhateverTheWrites() {
        List<String> lines = new ArrayList<>();
        PrintWriter writer = new PrintWriter(new LineCollector(lines::add), true);
        writer.print("one\r\ntw");
        writer.print("o\n\nthr");
        writer.println("ee");
        writer.print("unterminated");
        assertEquals(List.of("one", "two", "", "three"), lines);
        writer.close();
        assertEquals(List.of("one", "two", "", "three", "unterminated"), lines);
    }
}
