package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.ToolkitException;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a MULTI_PROCESS server checks before it starts any process. */
class ProcessGroupServerTest {

    private static final ServerConfig MULTI = ServerConfig.builder()
            .architecture(Architecture.MULTI_PROCESS).processes(2).build();

    @Test
    void rejectsALambdaNamingItsClass() {
        ProtocolDefinition lambda = channel -> { };
        Set<Long> before = children();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Servers.start(MULTI, lambda));
        assertTrue(e.getMessage().contains(lambda.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        assertTrue(e.getMessage().contains("public no-argument constructor"), e.getMessage());
        assertEquals(before, children(), "no worker process started");
    }

    @Test
    void rejectsAnAnonymousClass() {
        ProtocolDefinition anonymous = new ProtocolDefinition() {
            @Override
            public void initialize(Channel channel) {
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Servers.start(MULTI, anonymous));
        assertTrue(e.getMessage().contains("anonymous"), e.getMessage());
    }

    @Test
    void rejectsClassesAWorkerCannotCreate() {
        assertRejected(new NotPublic(), "is not public");
        assertRejected(new NoDefaultConstructor("x"), "has no public no-argument constructor");
        assertRejected(new Inner(), "inner (non-static) class");
    }

    @Test
    void acceptsAPublicClassWithAPublicNoArgumentConstructor() {
        assertEquals(PidProtocol.class.getName(), ProcessGroupServer.creatableByName(PidProtocol.class));
    }

    @Test
    void failsClearlyWhenThePortIsTakenBeforeStartingAnyProcess() throws Exception {
        Set<Long> before = children();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            ServerConfig config = MULTI.toBuilder().port(taken.getLocalPort()).build();
            ToolkitException e = assertThrows(ToolkitException.class, () -> Servers.start(config, new PidProtocol()));
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use"), e.getMessage());
        }
        assertEquals(before, children(), "no worker process started");
    }

    @Test
    void aBoundButNotListeningReservationReceivesNoConnection() throws Exception {
        try (java.nio.channels.SocketChannel reservation = java.nio.channels.SocketChannel.open()) {
            reservation.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            reservation.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThrows(ConnectException.class,
                    () -> new LineClient((InetSocketAddress) reservation.getLocalAddress()).close());
        }
    }

    private static void assertRejected(ProtocolDefinition protocol, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Servers.start(MULTI, protocol));
        assertTrue(e.getMessage().contains(protocol.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    static final class NotPublic implements ProtocolDefinition {
        @Override
        public void initialize(Channel channel) {
        }
    }

    /** Public, but needs an argument. */
    public static final class NoDefaultConstructor implements ProtocolDefinition {
        /** @param ignored anything */
        public NoDefaultConstructor(String ignored) {
        }

        @Override
        public void initialize(Channel channel) {
        }
    }

    /** Public, but needs an enclosing instance. */
    public final class Inner implements ProtocolDefinition {
        @Override
        public void initialize(Channel channel) {
        }
    }
}
