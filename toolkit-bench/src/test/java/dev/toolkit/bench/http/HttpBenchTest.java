package dev.toolkit.bench.http;

import dev.toolkit.bench.load.BenchCommand;
import dev.toolkit.bench.load.Report;
import dev.toolkit.bench.load.Scenario;
import dev.toolkit.bench.load.ServerSpec;
import dev.toolkit.bench.load.Stats;
import dev.toolkit.bench.load.WrkLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP benchmark's wiring: its scenarios, its servers and its command line. */
class HttpBenchTest {

    @Test
    void keepAliveAndPipelinedScenariosOnOneWrkThread() {
        Map<String, Scenario> scenarios = HttpBench.scenarios();
        assertEquals(List.of("keepalive", "pipelined-16"), List.copyOf(scenarios.keySet()));
        assertEquals(new WrkLoad(64, 1, 1, "/"), scenarios.get("keepalive").load());
        assertEquals(new WrkLoad(64, 1, 16, "/"), scenarios.get("pipelined-16").load());
    }

    @Test
    void theServersPrintALineTheHarnessReadsThePortFrom() {
        Matcher m = ServerSpec.LISTENING_AT.matcher(Listening.line(new InetSocketAddress("127.0.0.1", 40123)));
        assertTrue(m.find());
        assertEquals("40123", m.group(1));
        assertEquals(NettyHttpBaselineServer.class.getName(), HttpBench.baseline().mainClass());
        assertEquals(List.of("127.0.0.1", "0"), HttpBench.baseline().arguments());
        assertEquals(List.of("127.0.0.1", "0"), HttpBench.toolkit().arguments());
    }

    @Test
    void theCommandLineChoosesScenariosAndTimes(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("toolkit-bench"));
        BenchCommand command = BenchCommand.parse(new String[] {"--root", root.toString(), "--rounds", "3",
                "--seconds", "5", "--warmup", "2.5", "--scenarios", "pipelined-16"}, HttpBench.scenarios());
        assertEquals(3, command.settings().rounds());
        assertEquals(Duration.ofSeconds(5), command.settings().roundTime());
        assertEquals(Duration.ofMillis(2500), command.settings().warmup());
        assertEquals(List.of(HttpBench.scenarios().get("pipelined-16")), command.scenarios());
        assertEquals(root.resolve("bench/results"), command.out());

        BenchCommand defaults = BenchCommand.parse(new String[] {"--root", root.toString()}, HttpBench.scenarios());
        assertEquals(2, defaults.scenarios().size());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(
                new String[] {"--root", root.toString(), "--scenarios", "churn-3"}, HttpBench.scenarios()));
        assertTrue(unknown.getMessage().contains("unknown scenario churn-3"), unknown.getMessage());
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(
                new String[] {"--root", root.toString(), "--threads", "2"}, HttpBench.scenarios()));
        assertTrue(option.getMessage().contains("unknown option --threads"), option.getMessage());
    }

    @Test
    void theResultsSayWhatWasComparedAndWhetherEachGoalWasMet() {
        Stats one = Stats.of(List.of(1.0));
        double[] load = {0, 0, 0};
        Report report = new Report("http", "netty-http-baseline", "toolkit-http", null, load, load, List.of(
                new Report.ScenarioResult("keepalive", "a load", "wrk", Map.of(), 0.9, one, 1.1, load, load,
                        List.of()),
                new Report.ScenarioResult("pipelined-16", "a load", "wrk", Map.of(), 1.3, one, 0.7, load, load,
                        List.of())), "");
        String notes = HttpBench.notes(report);
        assertTrue(notes.contains("writeAndFlush"), notes);
        assertTrue(notes.contains("- keepalive server CPU/answer ratio: 1.10x (goal <= 1.0x): MISSED"), notes);
        assertTrue(notes.contains("- pipelined-16 answers/s ratio: 1.30x (goal >= 1.25x): met"), notes);
    }
}
