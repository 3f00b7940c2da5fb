package dev.toolkit.examples.ch07;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.tcp.zen.ZenProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;

/**
 * Chapter 7's {@code srv_legacy1.py}: the {@code socketserver} style. A server class ({@link TcpServerBase},
 * Python's {@code TCPServer}: bind, listen, {@code serve_forever()}) plus a request handler class instantiated
 * per connection ({@link BaseRequestHandler}, whose {@code handle()} holds the conversation), with the
 * {@link ThreadingMixIn} giving each request its own thread. The Zen protocol itself is the toolkit's, written
 * once: the handler feeds the socket's bytes to its pipeline and sends back what it answers.
 */
@Command(name = "srv_legacy1", description = "Uses the legacy \"socketserver\" Standard Library module to write a server")
public final class SrvLegacy1 extends ListingCommand {

    @Parameters(paramLabel = "host", description = "IP or hostname")
    private String host;

    @Option(names = "-p", paramLabel = "port", converter = ArgumentTypes.Port.class,
            defaultValue = "1060", description = "TCP port (default 1060)")
    private int port;

    @Override
    public Integer call() throws IOException {
        // socketserver prints nothing when it starts or accepts: the original has no "Listening at" line
        try (ZenServer server = new ZenServer(new InetSocketAddress(host, port), out())) {
            server.serveForever();
        }
        return 0;
    }

    /** {@code class ZenHandler(BaseRequestHandler)}: one per connection. */
    static final class ZenHandler extends BaseRequestHandler {
        private final PrintWriter out;

        ZenHandler(Socket request, InetSocketAddress clientAddress, PrintWriter out) {
            super(request, clientAddress);
            this.out = out;
        }

        @Override
        void handle() throws IOException {
            // zen_utils.handle_conversation(self.request, self.client_address)
            EmbeddedChannel zen = new EmbeddedChannel();
            new ZenProtocol(ZenLines.SOCKETSERVER.printer(out, clientAddress)).initialize(zen);
            InputStream in = request.getInputStream();
            OutputStream reply = request.getOutputStream();
            byte[] buffer = new byte[4096];
            try {
                while (zen.isOpen()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        zen.close();
                    } else {
                        zen.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
                    }
                    for (ByteBuf answer = zen.readOutbound(); answer != null; answer = zen.readOutbound()) {
                        try {
                            answer.readBytes(reply, answer.readableBytes());
                        } finally {
                            answer.release();
                        }
                    }
                }
            } catch (IOException e) {
                // A reset or a failed send ends the conversation as a failure, as in zen_utils.
                zen.pipeline().fireExceptionCaught(e);
            } finally {
                try {
                    zen.finishAndReleaseAll();
                } catch (RuntimeException reported) {
                    // the failure was printed by the protocol's listener already
                }
            }
        }
    }

    /** {@code class ZenServer(ThreadingMixIn, TCPServer)} with {@code allow_reuse_address = 1}. */
    static final class ZenServer extends TcpServerBase implements ThreadingMixIn {
        private final PrintWriter out;

        ZenServer(InetSocketAddress address, PrintWriter out) throws IOException {
            super(address);
            this.out = out;
        }

        @Override
        public void processRequest(Socket request, InetSocketAddress clientAddress) {
            ThreadingMixIn.super.processRequest(request, clientAddress);
        }

        @Override
        BaseRequestHandler newHandler(Socket request, InetSocketAddress clientAddress) {
            return new ZenHandler(request, clientAddress, out);
        }
    }

    /** {@code socketserver.BaseRequestHandler}: the connection's socket and the client's address. */
    abstract static class BaseRequestHandler {
        final Socket request;
        final InetSocketAddress clientAddress;

        BaseRequestHandler(Socket request, InetSocketAddress clientAddress) {
            this.request = request;
            this.clientAddress = clientAddress;
        }

        /** Holds the conversation. */
        abstract void handle() throws IOException;
    }

    /** {@code socketserver.TCPServer}: binds with SO_REUSEADDR, listens, and handles requests one by one. */
    abstract static class TcpServerBase implements AutoCloseable {
        // A channel rather than a java.net.ServerSocket: an interrupt (Ctrl-C in the tour) ends accept().
        private final ServerSocketChannel socket = ServerSocketChannel.open();

        TcpServerBase(InetSocketAddress address) throws IOException {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(address, 64);
        }

        InetSocketAddress serverAddress() throws IOException {
            return (InetSocketAddress) socket.getLocalAddress();
        }

        /** Accepts and processes requests until the server is closed or the thread interrupted. */
        void serveForever() throws IOException {
            while (socket.isOpen()) {
                Socket request;
                try {
                    request = socket.accept().socket();
                } catch (ClosedChannelException e) {
                    return;
                }
                processRequest(request, (InetSocketAddress) request.getRemoteSocketAddress());
            }
        }

        /** Handles one request on the calling thread, then closes it. */
        public void processRequest(Socket request, InetSocketAddress clientAddress) {
            finishRequest(request, clientAddress);
        }

        final void finishRequest(Socket request, InetSocketAddress clientAddress) {
            try (request) {
                newHandler(request, clientAddress).handle();
            } catch (IOException e) {
                // closing a socket that already failed: nothing more to do
            }
        }

        abstract BaseRequestHandler newHandler(Socket request, InetSocketAddress clientAddress);

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** {@code socketserver.ThreadingMixIn}: each request on a new (daemon) thread. */
    interface ThreadingMixIn {
        default void processRequest(Socket request, InetSocketAddress clientAddress) {
            Thread t = new Thread(() -> ((TcpServerBase) this).finishRequest(request, clientAddress),
                    "zen-request-" + clientAddress.getPort());
            t.setDaemon(true);
            t.start();
        }
    }
}
