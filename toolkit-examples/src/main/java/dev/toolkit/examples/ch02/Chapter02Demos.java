package dev.toolkit.examples.ch02;

import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.ListingDemo;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListingRun;

import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.toolkit.examples.tour.Expect.literal;

/** The tour's demos of chapter 2, on loopback only (broadcasts go to 127.255.255.255). */
public final class Chapter02Demos {

    /** A client address as Python prints it, on loopback. */
    static final String LOOPBACK_PEER = "\\('127\\.0\\.0\\.1', \\d+\\)";

    /**
     * The seed that makes udp_remote's server drop the first two requests and answer the third (and any
     * later one), so that the demo shows the back-off and still succeeds.
     */
    static final long DROP_TWICE_SEED = 4102;

    /** The waits of the book's back-off, as the client prints them. */
    static final List<String> WAITS = List.of("0.1", "0.2", "0.4", "0.8", "1.6");

    private static final Pattern ASSIGNED = Pattern.compile(
            "The OS assigned me the address \\('0\\.0\\.0\\.0', (\\d+)\\)");

    /** The chapter's demos, in book order. */
    public static final List<Demo> ALL = List.of(
            DatagramDemo.withServer("udp_local", "the server answers with the datagram's length",
                    List.of("server", "-p", "0"), List.of("client", "-p", DatagramDemo.PORT),
                    client -> 1, Chapter02Demos::checkUdpLocal),
            new Impostor(),
            DatagramDemo.withServer("udp_remote", "dropped requests are sent again, waiting twice as long",
                    List.of("server", "127.0.0.1", "-p", "0", "--seed", String.valueOf(DROP_TWICE_SEED)),
                    List.of("client", "127.0.0.1", "-p", DatagramDemo.PORT),
                    Chapter02Demos::sends, Chapter02Demos::checkUdpRemote),
            DatagramDemo.withServer("udp_broadcast", "a broadcast to 127.255.255.255 reaches the server",
                    List.of("server", "127.255.255.255", "-p", "0"),
                    List.of("client", "127.255.255.255", "-p", DatagramDemo.PORT),
                    client -> 1, Chapter02Demos::checkUdpBroadcast),
            DatagramDemo.alone("big_sender", "999,999 bytes fail with EMSGSIZE; the MTU is read",
                    List.of("127.0.0.1"), Chapter02Demos::checkBigSender));

    private Chapter02Demos() {
    }

    /** The lines of udp_local's server for one client. */
    static List<String> udpLocalServerLines() {
        return List.of("Listening at \\('127\\.0\\.0\\.1', \\d+\\)",
                "The client at " + LOOPBACK_PEER + " says 'The time is \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
                        + "(\\.\\d{6})?'");
    }

    /** The lines of udp_local's client talking to the server at {@code port}. */
    static List<String> udpLocalClientLines(String port) {
        return List.of(ASSIGNED.pattern(), literal("The server ('127.0.0.1', " + port + ") replied 'Your data was ")
                + "(31|38) bytes long'");
    }

    private static List<String> checkUdpLocal(List<String> server, List<String> client, List<String> err,
                                              int status) {
        List<String> problems = new ArrayList<>(Expect.lines("server", server, udpLocalServerLines()));
        String port = server.isEmpty() ? "?" : DatagramDemo.port(server.get(0));
        problems.addAll(Expect.lines("client", client, udpLocalClientLines(port)));
        problems.addAll(status("client", status, err, 0));
        return problems;
    }

    /** How many datagrams udp_remote's client sent, from its {@code Waiting} lines. */
    static int sends(List<String> client) {
        return (int) client.stream().filter(l -> l.startsWith("Waiting up to ")).count();
    }

    /**
     * Checks udp_remote's lines for a conversation that succeeded: one {@code Waiting} line per send with the
     * book's waits in order, the server dropping or answering each send, and answering the last one.
     */
    static List<String> checkUdpRemote(List<String> server, List<String> client, List<String> err, int status) {
        List<String> problems = new ArrayList<>(status("client", status, err, 0));
        int sends = sends(client);
        List<String> expectedClient = new ArrayList<>();
        expectedClient.add("Client socket name is " + LOOPBACK_PEER);
        for (int i = 0; i < sends; i++) {
            expectedClient.add(literal("Waiting up to " + WAITS.get(Math.min(i, WAITS.size() - 1))
                    + " seconds for a reply"));
        }
        expectedClient.add(literal("The server says 'Your data was 23 bytes long'"));
        problems.addAll(Expect.lines("client", client, expectedClient));
        List<String> expectedServer = new ArrayList<>();
        expectedServer.add("Listening at \\('127\\.0\\.0\\.1', \\d+\\)");
        String drop = "Pretending to drop packet from " + LOOPBACK_PEER;
        String answer = "The client at " + LOOPBACK_PEER + " says 'This is another message'";
        for (int i = 0; i < sends; i++) {
            expectedServer.add(i == sends - 1 ? answer : "(" + drop + ")|(" + answer + ")");
        }
        problems.addAll(Expect.lines("server", server, expectedServer));
        return problems;
    }

    static List<String> checkUdpBroadcast(List<String> server, List<String> client, List<String> err,
                                                  int status) {
        List<String> problems = new ArrayList<>(status("client", status, err, 0));
        problems.addAll(Expect.lines("server", server, List.of(
                "Listening for datagrams at \\('127\\.255\\.255\\.255', \\d+\\)",
                "The client at " + LOOPBACK_PEER + " says: 'Broadcast datagram!'")));
        problems.addAll(Expect.lines("client", client, List.of()));
        return problems;
    }

    /** big_sender's lines on loopback: refused, and the loopback MTU (capped at 65535), or NIO's limitation. */
    static List<String> checkBigSender(List<String> server, List<String> client, List<String> err, int status) {
        List<String> problems = new ArrayList<>(status("big_sender", status, err, 0));
        problems.addAll(Expect.lines("big_sender", client, List.of(literal("Alas, the datagram did not make it"),
                "Actual MTU: (65535|unavailable on NIO)")));
        return problems;
    }

    private static List<String> status(String who, int status, List<String> err, int expected) {
        return status == expected ? List.of() : List.of(who + " exited with status " + status + ": " + err);
    }

    /**
     * udp_local's danger: its client takes the first datagram that reaches its port, whoever sent it. With no
     * server running, another socket reads the client's port from its output and answers first.
     */
    private static final class Impostor extends ListingDemo {
        Impostor() {
            super("ch02", "udp_local", "without a server, an impostor's datagram is taken as the reply");
        }

        @Override
        public List<String> run(PrintWriter console) throws Exception {
            try (DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    0));
                 DatagramSocket nobody = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                         0))) {
                // The client sends to a port held by a socket that never answers, so no ICMP error either.
                List<String> args = List.of("client", "-p", String.valueOf(nobody.getLocalPort()));
                console.println("$ toolkit ch02 udp_local " + String.join(" ", args) + "   (no server running)");
                try (ListingRun client = ListingRun.start(program(), "client",
                        console, args)) {
                    Matcher assigned = ASSIGNED.matcher(client.awaitLine(l -> ASSIGNED.matcher(l).matches(),
                            DatagramDemo.TIMEOUT));
                    assigned.matches();
                    int clientPort = Integer.parseInt(assigned.group(1));
                    byte[] fake = Text.bytes("FAKE");
                    console.println("  (an impostor at 127.0.0.1:" + impostor.getLocalPort() + " sends 'FAKE' to port "
                            + clientPort + ")");
                    impostor.send(new DatagramPacket(fake, fake.length, InetAddress.getLoopbackAddress(), clientPort));
                    int status = client.awaitExit(DatagramDemo.TIMEOUT);
                    List<String> problems = new ArrayList<>(status("client", status, client.err(), 0));
                    problems.addAll(Expect.lines("client", client.out(), List.of(ASSIGNED.pattern(),
                            literal("The server ('127.0.0.1', " + impostor.getLocalPort() + ") replied 'FAKE'"))));
                    return problems;
                }
            }
        }
    }
}
