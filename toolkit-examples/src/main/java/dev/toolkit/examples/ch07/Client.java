package dev.toolkit.examples.ch07;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.TcpConnection;
import dev.toolkit.tcp.zen.Aphorisms;
import io.netty.buffer.Unpooled;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Chapter 7's {@code client.py}: asks the three questions in random order, printing each question and its
 * answer as Python prints bytes ({@code b'Simple is better than?' b'Complex.'}). With {@code -e} it sends the
 * first question without its {@code ?} and exits, so the server sees a client leave mid-question.
 */
@Command(name = "client", description = "Client that asks the Zen server three questions")
public final class Client extends ListingCommand {

    @Parameters(paramLabel = "host", description = "IP or hostname")
    private String host;

    @Option(names = "-e", description = "cause an error")
    private boolean causeError;

    @Option(names = "-p", paramLabel = "port", converter = ArgumentTypes.Port.class,
            defaultValue = "1060", description = "TCP port (default 1060)")
    private int port;

    @Override
    public Integer call() throws IOException {
        try (TcpClient client = TcpClient.create();
             TcpConnection sock = client.connect(host, port)) {
            List<String> aphorisms = new ArrayList<>(Aphorisms.questions());
            if (causeError) {
                String first = aphorisms.get(0);
                sock.sendAll(ascii(first.substring(0, first.length() - 1)));
                return 0;
            }
            Collections.shuffle(aphorisms);
            for (String aphorism : aphorisms) {
                sock.sendAll(ascii(aphorism));
                out().println(repr(ascii(aphorism)) + " " + repr(recvUntil(sock, (byte) '.')));
            }
        }
        return 0;
    }

    /** {@code zen_utils.recv_until}: reads until the data ends with {@code suffix}. */
    static byte[] recvUntil(TcpConnection sock, byte suffix) throws IOException {
        byte[] message = sock.receive(4096);
        if (message.length == 0) {
            throw new EOFException("socket closed");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(message);
        while (message[message.length - 1] != suffix) {
            message = sock.receive(4096);
            if (message.length == 0) {
                throw new IOException("received " + repr(data.toByteArray()) + " then socket closed");
            }
            data.writeBytes(message);
            message = data.toByteArray();
        }
        return data.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String repr(byte[] bytes) {
        return PythonFormat.repr(Unpooled.wrappedBuffer(bytes));
    }
}
