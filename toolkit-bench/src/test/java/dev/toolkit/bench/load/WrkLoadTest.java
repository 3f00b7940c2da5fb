package dev.toolkit.bench.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** wrk's output read, its command line built, and the load's settings checked, without running wrk. */
class WrkLoadTest {

    private static final String HUMAN = """
            Running 5s test @ http://127.0.0.1:40123/
              1 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   615.12us  120.41us   4.10ms   90.12%
                Req/Sec   104.12k     3.01k  109.87k    72.00%
              518237 requests in 5.00s, 63.26MB read
            Requests/sec: 103622.31
            Transfer/sec:     12.65MB
            """;

    @Test
    void readsTheScriptsResultLineAfterWrksSummary() {
        LoadResult r = WrkLoad.parse(HUMAN + "wrk-result {\"requests\":518237,\"durationMicros\":5001234,"
                + "\"bytes\":66330000,\"connect\":0,\"read\":0,\"write\":0,\"timeout\":0,\"status\":0,"
                + "\"cpuSeconds\":4.210000}\n");
        assertEquals(518237, r.answers());
        assertEquals(0, r.errors());
        assertEquals(Map.of(), r.errorKinds());
        assertEquals(5.001234, r.seconds(), 1e-9);
        assertEquals(4.21, r.cpuSeconds(), 1e-9);
        assertEquals(0, r.connections());
    }

    @Test
    void errorResponsesAreNoAnswersAndEveryKindOfErrorIsCounted() {
        LoadResult r = WrkLoad.parse(HUMAN + "  Socket errors: connect 0, read 3, write 1, timeout 2\n"
                + "  Non-2xx or 3xx responses: 7\n"
                + "wrk-result {\"requests\":100,\"durationMicros\":1000000,\"bytes\":1,\"connect\":0,\"read\":3,"
                + "\"write\":1,\"timeout\":2,\"status\":7,\"cpuSeconds\":0.5}\n");
        assertEquals(93, r.answers());
        assertEquals(13, r.errors());
        assertEquals(Map.of("read", 3L, "write", 1L, "timeout", 2L, "status >= 400", 7L), r.errorKinds());
    }

    @Test
    void outputWithoutAResultLineOrWithABrokenOneIsAClearError() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> WrkLoad.parse(HUMAN));
        assertTrue(none.getMessage().contains("no 'wrk-result' line"), none.getMessage());
        IllegalStateException notJson = assertThrows(IllegalStateException.class,
                () -> WrkLoad.parse("wrk-result {requests: 1\n"));
        assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> WrkLoad.parse("wrk-result {\"requests\":1,\"durationMicros\":1,\"cpuSeconds\":0}\n"));
        assertTrue(missing.getMessage().contains("no number connect"), missing.getMessage());
        IllegalStateException noTime = assertThrows(IllegalStateException.class,
                () -> WrkLoad.parse("wrk-result {\"requests\":1,\"durationMicros\":0,\"connect\":0,\"read\":0,"
                        + "\"write\":0,\"timeout\":0,\"status\":0,\"cpuSeconds\":0}\n"));
        assertTrue(noTime.getMessage().contains("no positive duration"), noTime.getMessage());
    }

    @Test
    void theCommandIsPinnedInWholeSecondsWithTheDepthForTheScript() {
        WrkLoad load = new WrkLoad(64, 1, 16, "/");
        List<String> command = load.command(Path.of("/usr/bin/wrk"), Path.of("/w/wrk-report.lua"), 0,
                new InetSocketAddress("127.0.0.1", 8080), Duration.ofMillis(2500));
        assertEquals(List.of("taskset", "-c", "0", "/usr/bin/wrk", "-t", "1", "-c", "64", "-d", "3s",
                "-s", "/w/wrk-report.lua", "http://127.0.0.1:8080/", "--", "16"), command);
        List<String> v6 = new WrkLoad(2, 2, 1, "/x").command(Path.of("wrk"), Path.of("s.lua"), 3,
                new InetSocketAddress("::1", 80), Duration.ofMillis(100));
        assertTrue(v6.contains("http://[0:0:0:0:0:0:0:1]:80/x"), v6.toString());
        assertTrue(v6.contains("1s"), v6.toString());
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        assertThrows(IllegalArgumentException.class, () -> new WrkLoad(1, 2, 1, "/"));
        assertThrows(IllegalArgumentException.class, () -> new WrkLoad(1, 0, 1, "/"));
        assertThrows(IllegalArgumentException.class, () -> new WrkLoad(1, 1, 0, "/"));
        assertThrows(IllegalArgumentException.class, () -> new WrkLoad(1, 1, 1025, "/"));
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> new WrkLoad(1, 1, 1, "/a b"));
        assertTrue(path.getMessage().contains("/a b"), path.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WrkLoad(1, 1, 1, "x"));
    }

    @Test
    void describesItselfForTheReport() {
        assertEquals("64 keep-alive connections over 1 wrk thread, 16 requests pipelined in each write, GET /",
                new WrkLoad(64, 1, 16, "/").describe());
        assertEquals("64 keep-alive connections over 2 wrk threads, 1 request in flight each, GET /",
                new WrkLoad(64, 2, 1, "/").describe());
        assertEquals("wrk", new WrkLoad(64, 1, 1, "/").generator());
    }

    @Test
    void theScriptIsOnTheClassPathAndPrintsTheResultLine() throws IOException {
        try (InputStream in = WrkLoad.class.getResourceAsStream(WrkLoad.SCRIPT)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(script.contains(WrkLoad.RESULT_PREFIX), script);
            assertTrue(script.contains("function done("), script);
        }
    }
}
