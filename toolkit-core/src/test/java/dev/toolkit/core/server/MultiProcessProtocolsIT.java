package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.framing.ChunkedLinesProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protocols under {@link Architecture#MULTI_PROCESS}: one that needs configuration reaches the workers as a
 * factory class and its arguments, and one that switches framing mid-connection works there as elsewhere.
 */
class MultiProcessProtocolsIT {

    @TempDir
    Path spool;

    @Test
    void aFactoryAndItsArgumentsReachEveryWorker() throws Exception {
        RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().host("127.0.0.1").port(0)
                        .architecture(Architecture.MULTI_PROCESS).processes(2).name("spool-group").build(),
                NamedProtocol.of(SpoolingFactory.class, "stored by", spool.toString()));
        Set<Long> workers = new HashSet<>(((ProcessGroupServer) server).workerPids());
        Set<String> answers = new HashSet<>();
        try {
            for (int i = 0; i < 40 && answers.size() < 2; i++) {
                try (LineClient client = new LineClient(server.localAddress())) {
                    client.send("message " + i + "\r\n");
                    answers.add(client.readLine());
                }
            }
        } finally {
            server.close();
        }
        Set<String> expected = workers.stream().map(pid -> "stored by " + pid).collect(Collectors.toSet());
        assertEquals(expected, answers, "both workers made the protocol from its arguments");
        try (Stream<Path> files = Files.list(spool)) {
            List<String> names = files.map(f -> f.getFileName().toString()).collect(Collectors.toList());
            assertTrue(names.stream().allMatch(n -> workers.contains(Long.parseLong(n.substring(0, n.indexOf('-'))))),
                    "stored by the workers: " + names);
            assertTrue(names.size() >= 2, names.toString());
        }
    }

    @Test
    void framingSwitchesMidConnectionInAWorker() throws Exception {
        RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .architecture(Architecture.MULTI_PROCESS).processes(1).name("switch-group").build(),
                new ChunkedLinesProtocol());
        try {
            assertEquals(FramingSwitchLoopbackTest.ANSWERS,
                    FramingSwitchLoopbackTest.converse(server.localAddress(), FramingSwitchLoopbackTest.WIRE.length()));
            assertEquals(FramingSwitchLoopbackTest.ANSWERS,
                    FramingSwitchLoopbackTest.converse(server.localAddress(), 1));
        } finally {
            server.close();
        }
    }
}
