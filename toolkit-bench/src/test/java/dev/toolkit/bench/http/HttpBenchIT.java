package dev.toolkit.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolkit.bench.load.Harness;
import dev.toolkit.bench.load.Report;
import dev.toolkit.bench.load.Round;
import dev.toolkit.bench.load.Scenario;
import dev.toolkit.bench.load.WrkLoad;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP benchmark end to end, kept to a few seconds: both servers in their own pinned JVMs, one round of
 * one second of a small pipelined wrk load each, every answer counted without errors, the results written.
 * Asserts what was counted, never how fast.
 */
class HttpBenchIT {

    @Test
    void bothServersAnswerPipelinedRequestsUnderWrk(@TempDir Path out) throws Exception {
        Peers.require("wrk", "wrk");
        Peers.require("taskset", "util-linux");
        Harness.Settings settings = new Harness.Settings(1, Duration.ofSeconds(1), Duration.ZERO, 1, 0,
                List.of("-Xmx128m"), Path.of("").toAbsolutePath());
        Report report = new Harness(settings, line -> { }).run("http-smoke", HttpBench.baseline(),
                HttpBench.toolkit(), List.of(new Scenario("pipelined", new WrkLoad(4, 1, 16, "/"))));

        List<Round> rounds = report.scenarios().get(0).rounds();
        assertEquals(2, rounds.size());
        for (Round r : rounds) {
            assertTrue(r.answersPerSecond() > 0, r.toString());
            assertEquals(0, r.errors(), r.toString());
        }

        report.withNotes(HttpBench.notes(report)).write(out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("http-smoke.json").toFile());
        assertEquals("wrk", json.at("/report/scenarios/0/generator").asText());
        assertEquals("toolkit-http", json.at("/report/candidate").asText());
        String md = Files.readString(out.resolve("http-smoke.md"));
        assertTrue(md.contains("No round had errors."), md);
        assertTrue(md.contains("`netty-http-baseline`"), md);
    }
}
