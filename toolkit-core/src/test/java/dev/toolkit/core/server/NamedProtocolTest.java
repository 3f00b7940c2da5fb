package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocols named by a factory class and string arguments: checks made before any process starts. */
class NamedProtocolTest {

    private static final ServerConfig MULTI = ServerConfig.builder().host("127.0.0.1").port(0)
            .architecture(Architecture.MULTI_PROCESS).processes(2).build();

    @TempDir
    Path spool;

    private final List<RunningServer<ConnectionMetrics>> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        servers.forEach(RunningServer<ConnectionMetrics>::close);
    }

    @Test
    void aLambdaFactoryIsRefusedNamingItsClass() {
        ProtocolFactory lambda = arguments -> channel -> { };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedProtocol.of(lambda.getClass(), "x"));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        assertTrue(e.getMessage().contains("public no-argument constructor"), e.getMessage());
    }

    @Test
    void aFactoryAWorkerCannotMakeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedProtocol.of(Hidden.class));
        assertTrue(e.getMessage().contains("is not public"), e.getMessage());
    }

    @Test
    void wrongArgumentsFailBeforeAnyWorkerProcessStarts() {
        Set<Long> before = children();
        NamedProtocol protocol = NamedProtocol.of(SpoolingFactory.class, "hello", spool.resolve("missing").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Servers.start(MULTI, protocol));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(SpoolingFactory.class.getName()), e.getMessage());
        assertEquals(before, children(), "no worker process started");
    }

    @Test
    void aLambdaProtocolIsStillRefusedAndTheMessageShowsTheWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Servers.start(MULTI, channel -> { }));
        assertTrue(e.getMessage().contains("NamedProtocol.of"), e.getMessage());
    }

    @Test
    void argumentsAreKeptInOrderAndNullsRefused() {
        NamedProtocol p = NamedProtocol.of(SpoolingFactory.class, "a b", "=c");
        assertEquals(List.of("a b", "=c"), p.arguments());
        assertEquals(SpoolingFactory.class, p.factory());
        assertThrows(NullPointerException.class, () -> NamedProtocol.of(SpoolingFactory.class, "a", null));
    }

    @Test
    void underOtherArchitecturesTheProtocolIsMadeInThisProcess() throws Exception {
        RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .architecture(Architecture.SELECTOR).build(), NamedProtocol.of(SpoolingFactory.class, "hi", spool.toString()));
        servers.add(server);
        try (LineClient client = new LineClient(server.localAddress())) {
            client.send("message one\n");
            assertEquals("hi " + ProcessHandle.current().pid(), client.readLine());
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(List.of(ProcessHandle.current().pid() + "-1.msg"),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    static final class Hidden implements ProtocolFactory {
        @Override
        public dev.toolkit.core.pipeline.ProtocolDefinition create(List<String> arguments) {
            return channel -> { };
        }
    }
}
