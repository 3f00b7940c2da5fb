package dev.toolkit.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness end to end, kept to a few seconds: the load generator built with gcc, the baseline and the
 * toolkit's Zen server each in its own pinned JVM, one short round of a small steady load, churn and wrong
 * answers against the baseline, every answer checked by the generator, results written as JSON and Markdown.
 * Asserts what was counted, never how fast.
 */
class LoadHarnessIT {

    @Test
    void measuresBothServersAndWritesTheResults(@TempDir Path out) throws Exception {
        Peers.require("gcc", "gcc");
        Peers.require("taskset", "util-linux");
        Harness.Settings settings = new Harness.Settings(1, Duration.ofMillis(500), Duration.ZERO, 1, 0,
                List.of("-Xmx128m"), Path.of("").toAbsolutePath());
        List<Scenario> small = List.of(new Scenario("steady", new LoadSpec(4, 1, 0, Duration.ofSeconds(1),
                Duration.ZERO, ZenBench.exchanges(), 2)));
        Report report = new Harness(settings, line -> { }).run("smoke", ZenBench.baseline(), ZenBench.toolkit(),
                small);

        assertEquals(1, report.scenarios().size());
        Report.ScenarioResult result = report.scenarios().get(0);
        assertEquals(2, result.rounds().size());
        for (Round r : result.rounds()) {
            assertTrue(r.answersPerSecond() > 0, r.toString());
            assertTrue(r.serverCpuMicrosPerAnswer() >= 0, r.toString());
            assertEquals(0, r.errors(), r.toString());
        }

        // Connections came from two loopback addresses, and the servers printed the listing's lines for them.
        String printed = Files.readString(Path.of("target/bench-work/srv_asyncio1.out"));
        assertTrue(printed.contains("Accepted connection from ('127.0.0.2', "), printed);
        assertTrue(printed.contains("Accepted connection from ('127.0.0.1', "), printed);

        report.write(out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("smoke.json").toFile());
        assertEquals(1, json.at("/settings/rounds").asInt());
        assertEquals("srv_asyncio1", json.at("/report/candidate").asText());
        assertEquals(2, json.at("/report/scenarios/0/rounds").size());
        String md = Files.readString(out.resolve("smoke.md"));
        assertTrue(md.contains("| steady |"), md);
    }

    @Test
    void churnCountsConnectionsAndWrongAnswersCountAsErrors() throws Exception {
        Peers.require("gcc", "gcc");
        Peers.require("taskset", "util-linux");
        LoadGenerator generator = LoadGenerator.build(Path.of("").toAbsolutePath(), 0);
        Map<String, String> zen = ZenBench.exchanges();
        try (ServerProcess server = ServerProcess.start(ZenBench.baseline(), 1, List.of("-Xmx128m"),
                Path.of("target/bench-work-it"))) {
            LoadSpec spec = new LoadSpec(2, 1, 3, Duration.ofMillis(500), Duration.ZERO, zen, 1);
            spec.runner(Path.of("").toAbsolutePath(), 0).awaitAnswers(server.address(), Duration.ofMinutes(1));
            LoadResult churn = generator.run(server.address(), spec, () -> { }, () -> { });
            assertTrue(churn.connections() > 0, churn.toString());
            assertTrue(churn.answers() >= 3 * churn.connections(), churn.toString());
            assertEquals(0, churn.errors(), churn.toString());

            LoadResult wrong = generator.run(server.address(), new LoadSpec(2, 1, 0, Duration.ofMillis(300),
                    Duration.ZERO, Map.of("Beautiful is better than?", "Pretty."), 1), () -> { }, () -> { });
            assertEquals(0, wrong.answers());
            assertTrue(wrong.errors() > 0, wrong.toString());
        }
    }

    @Test
    void aServerThatNeverListensIsAClearError() {
        ServerSpec broken = new ServerSpec("broken", "dev.toolkit.examples.ch07.NettyBaselineServer",
                List.of(), ServerSpec.LISTENING_AT);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ServerProcess.start(broken, 1, List.of("-Xmx64m"), Path.of("target/bench-work-it")));
        assertTrue(e.getMessage().contains("exited with status 2"), e.getMessage());
        assertTrue(e.getMessage().contains("usage"), e.getMessage());
    }
}
