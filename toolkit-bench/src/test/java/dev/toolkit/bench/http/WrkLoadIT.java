package dev.toolkit.bench.http;

import dev.toolkit.bench.load.Load;
import dev.toolkit.bench.load.LoadResult;
import dev.toolkit.bench.load.WrkLoad;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's wrk, run by {@link WrkLoad} with toolkit-bench's script, against the bare Netty baseline in this JVM:
 * one-second rounds, one request at a time and 16 pipelined, counted without errors; a closed port is no
 * answer. Asserts what was counted, never how fast.
 */
class WrkLoadIT {

    private static NettyHttpBaselineServer server;

    @BeforeAll
    static void start() {
        server = NettyHttpBaselineServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Load.Runner runner(WrkLoad load) {
        Peers.require("wrk", "wrk");
        Peers.require("taskset", "util-linux");
        return load.runner(Path.of("").toAbsolutePath(), 0);
    }

    @Test
    void countsAnswersOneAtATimeAndPipelined() {
        for (int pipeline : new int[] {1, 16}) {
            Load.Runner runner = runner(new WrkLoad(4, 1, pipeline, "/"));
            AtomicInteger calls = new AtomicInteger();
            LoadResult r = runner.run(server.localAddress(), Duration.ofSeconds(1), calls::incrementAndGet,
                    calls::incrementAndGet);
            assertEquals(2, calls.get(), "onStart and onEnd were each called once");
            assertTrue(r.answers() > 0, r.toString());
            assertEquals(0, r.errors(), r.toString());
            assertTrue(r.seconds() >= 0.9, r.toString());
            assertTrue(r.cpuSeconds() > 0, r.toString());
        }
    }

    @Test
    void aServerThatDoesNotListenGivesNoAnswers() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        LoadResult r = runner(new WrkLoad(1, 1, 1, "/")).run(new InetSocketAddress("127.0.0.1", closedPort),
                Duration.ofSeconds(1), () -> { }, () -> { });
        assertEquals(0, r.answers(), r.toString());
        assertTrue(r.errors() > 0, r.toString());
    }
}
